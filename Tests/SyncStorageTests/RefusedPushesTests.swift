import Models
import SyncStorage
import TestSupport
import Testing

/// `AccessStore.refusedPushes`: refused pushes of a time window, per user, newest first, bounded.
@Suite struct RefusedPushesTests {
    static let day: Int64 = 86_400_000

    static func refusal(_ user: String, code: String = "forbidden_scope") -> AuditEntry {
        AuditEntry(
            user: user, replica: String(repeating: "a", count: 32), action: AccessStore.pushRefusedAction,
            detail: "batch=b changes=1 refused=\(code)", peer: "192.0.2.1")
    }

    @Test func countsPerUserInTheWindowNewestFirst() throws {
        let directory = try TemporaryDirectory()
        let store = try ServerStore(path: directory.path("server.sqlite"))
        let access = store.access
        try access.importMunicipalities([(try MunicipalityCode(validating: "271004"), "大阪市")])
        try access.addUser(
            "tanaka", grant: Grant(role: .staff, municipality: try MunicipalityCode(validating: "271004")))
        let now: Int64 = 1_800_000_000_000
        // Old ones (outside the window), other actions, then refusals of three users.
        try access.audit([Self.refusal("tanaka"), Self.refusal("old")], at: now - 9 * Self.day)
        try access.audit([AuditEntry(user: "tanaka", action: "push", detail: "batch=b", peer: "p")], at: now - Self.day)
        try access.audit([Self.refusal("tanaka")], at: now - 6 * Self.day)
        try access.audit([Self.refusal("advisor", code: "invalid_field")], at: now - 2 * Self.day)
        try access.audit([Self.refusal("tanaka", code: "replica_owned")], at: now - Self.day)
        try access.audit([Self.refusal("ghost")], at: now - 1)

        let summary = try access.refusedPushes(since: now - 7 * Self.day, limit: 20)
        #expect(summary.total == 4)
        #expect(summary.users.map(\.user) == ["ghost", "tanaka", "advisor"])
        #expect(summary.users.map(\.count) == [1, 2, 1])
        #expect(summary.users.map(\.municipality) == [nil, "271004", nil])
        #expect(summary.users[1].last.at == now - Self.day)
        #expect(summary.users[1].last.entry.detail.hasSuffix("refused=replica_owned"))
        #expect(summary.users[1].last.entry.peer == "192.0.2.1")

        let limited = try access.refusedPushes(since: now - 7 * Self.day, limit: 2)
        #expect(limited.total == 4 && limited.users.map(\.user) == ["ghost", "tanaka"])
        #expect(try access.refusedPushes(since: now, limit: 20) == RefusalSummary(total: 0, users: []))
        #expect(try access.refusedPushes(since: 0, limit: 20).total == 6)
    }

    @Test func theWindowsFirstEntryIsFoundWhateverTheLogsLength() throws {
        let directory = try TemporaryDirectory()
        let access = try ServerStore(path: directory.path("server.sqlite")).access
        #expect(try access.refusedPushes(since: 0, limit: 5).users.isEmpty, "an empty log")
        // One entry a minute, every fifth a refusal: each window starts at the right entry.
        let minute: Int64 = 60_000
        for index in 0..<200 {
            try access.audit(
                [
                    index % 5 == 0
                        ? Self.refusal("u\(index % 3)") : AuditEntry(user: "x", action: "push", detail: "", peer: "")
                ],
                at: Int64(index) * minute)
        }
        for start in [0, 1, 99, 100, 101, 198, 199, 200, 500] {
            let expected = (0..<200).filter { $0 >= start && $0 % 5 == 0 }.count
            #expect(
                try access.refusedPushes(since: Int64(start) * minute, limit: 5).total == expected,
                "from minute \(start)")
        }
    }
}
