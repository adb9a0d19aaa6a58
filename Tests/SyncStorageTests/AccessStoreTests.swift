import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// Users, tokens and the hash-chained audit log in the server database.
@Suite struct AccessStoreTests {
    let osaka = try! MunicipalityCode(validating: "271004")

    func store(_ directory: TemporaryDirectory) throws -> ServerStore {
        let store = try ServerStore(path: directory.path("server.sqlite"))
        try store.access.importMunicipalities([(osaka, "大阪市")])
        return store
    }

    @Test func tokensWorkUntilRevokedOrTheirUserDisabled() throws {
        let directory = try TemporaryDirectory()
        let access = try store(directory).access
        try access.addUser("tanaka", grant: Grant(role: .staff, municipality: osaka))
        let hash = String(repeating: "ab", count: 32)
        let id = try access.addToken(hash: hash, user: "tanaka")
        #expect(try access.authenticate(tokenHash: hash)?.grant == Grant(role: .staff, municipality: osaka))
        #expect(try access.authenticate(tokenHash: String(repeating: "cd", count: 32)) == nil)
        try access.setDisabled("tanaka", true)
        #expect(try access.authenticate(tokenHash: hash) == nil)
        try access.setDisabled("tanaka", false)
        #expect(try access.authenticate(tokenHash: hash) != nil)
        #expect(try access.revokeTokens(id: id) == 1)
        #expect(try access.authenticate(tokenHash: hash) == nil)
        #expect(try access.revokeTokens(id: id) == 0, "already revoked")
        #expect(try access.tokens(user: "tanaka").map(\.id) == [id])
    }

    @Test func provisioningRefusesDuplicatesAndUnknownMunicipalities() throws {
        let directory = try TemporaryDirectory()
        let access = try store(directory).access
        try access.addUser("advisor", grant: Grant(role: .advisor, municipality: nil))
        #expect(throws: AccessError.userExists("advisor")) {
            try access.addUser("advisor", grant: Grant(role: .admin, municipality: nil))
        }
        #expect(throws: AccessError.unknownMunicipality("271403")) {
            try access.addUser(
                "sato", grant: Grant(role: .staff, municipality: try MunicipalityCode(validating: "271403")))
        }
        #expect(throws: AccessError.unknownUser("nobody")) { try access.addToken(hash: "x", user: "nobody") }
    }

    func entries(_ count: Int) -> [AuditEntry] {
        (0..<count).map {
            AuditEntry(user: "u\($0)", replica: "", action: "push", detail: "n=\($0)", peer: "127.0.0.1")
        }
    }

    @Test func theAuditChainVerifiesAndKeepsItsOrder() throws {
        let directory = try TemporaryDirectory()
        let access = try store(directory).access
        try access.audit(entries(3), at: 1_000)
        try access.audit(entries(2), at: 2_000)
        let records = try access.auditRecords()
        #expect(records.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(records[1].previous == records[0].hash)
        guard case .intact(let count, let head) = try access.verifyAudit() else {
            Issue.record("the chain is broken")
            return
        }
        #expect(count == 5 && head == records[4].hash)
        #expect(try access.auditRecords(since: 1_500).count == 2)
        #expect(try access.auditRecords(user: "u1").count == 2)
    }

    /// Tampering means going around the triggers (as someone with the file would): each kind of
    /// edit is found, at the right entry.
    @Test(arguments: [
        ("UPDATE audit SET detail = 'n=99' WHERE seq = 2", Int64(2)),
        ("DELETE FROM audit WHERE seq = 3", Int64(3)),
        ("DELETE FROM audit WHERE seq = 5", Int64(5)),
        ("UPDATE audit SET user = 'someone' WHERE seq = 1", Int64(1)),
    ])
    func editsAndDeletionsAreDetected(_ sql: String, _ brokenAt: Int64) throws {
        let directory = try TemporaryDirectory()
        let server = try store(directory)
        try server.access.audit(entries(5))
        let database = try Database(path: directory.path("server.sqlite"))
        try database.execute(sql: "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; \(sql)")
        guard case .broken(let sequence, let reason) = try server.access.verifyAudit() else {
            Issue.record("\(sql) went unnoticed")
            return
        }
        #expect(sequence == brokenAt, "\(reason)")
    }

    @Test func theAuditLogRefusesUpdatesAndDeletesThroughSQL() throws {
        let directory = try TemporaryDirectory()
        let server = try store(directory)
        try server.access.audit(entries(1))
        let database = try Database(path: directory.path("server.sqlite"))
        #expect(throws: DatabaseError.self) { try database.execute(sql: "UPDATE audit SET user = 'x'") }
        #expect(throws: DatabaseError.self) { try database.execute(sql: "DELETE FROM audit") }
    }

    @Test func aPushIsAuditedInItsOwnTransaction() throws {
        let directory = try TemporaryDirectory()
        let server = try store(directory)
        let replica = ReplicaID(high: 1, low: 2)
        var register = Register()
        let change = Change(
            key: try RecordKey(validating: "answers", record: "a/271004/A01", field: "value"),
            scope: .municipality(osaka),
            version: register.write(1, by: replica, user: "tanaka", at: 1))
        let request = PushRequest(replica: replica, batch: "b1", changes: [change])
        let entry = AuditEntry(user: "tanaka", replica: replica.hex, action: "push", detail: "", peer: "192.0.2.1")
        _ = try server.push(request, audit: entry)
        _ = try server.push(request, audit: entry)
        let details = try server.access.auditRecords().map(\.entry.detail)
        #expect(details == ["batch=b1 changes=1 accepted=1", "batch=b1 changes=1 accepted=1 replayed"])
    }
}
