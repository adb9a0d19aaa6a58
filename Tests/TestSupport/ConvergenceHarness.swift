import Foundation
import Glibc
import Models
import SyncStorage

/// One seeded run of the convergence-under-faults scenario with the real binaries: the advisor
/// and `municipalities` staff replicas edit answers, hearing fields and documents (new files,
/// new versions, removals; deleting some fields too) while
/// syncing at random through a `FaultProxy`; the server is SIGKILLed and restarted at random.
/// Then the proxy heals, everyone syncs, and the promises are checked:
/// - each staff replica holds exactly what it may read of the advisor's copy (convergence);
/// - every write acknowledged to a client (its sync succeeded after it) is on the server, current
///   or kept in history (never lost);
/// - no value appears that nobody wrote;
/// - one more sync moves nothing;
/// - no staff replica holds another municipality's data;
/// - every current document's file is on the server and hashes to its name.
public struct ConvergenceHarness {
    public let seed: UInt64
    public let municipalities: Int
    public let rounds: Int

    public init(seed: UInt64, municipalities: Int, rounds: Int = 4) {
        self.seed = seed
        self.municipalities = municipalities
        self.rounds = rounds
    }

    /// A replica driven through the `renkei` binary.
    struct Replica {
        let home: String
        let scope: String
        let user: String
        var id = ""

        func run(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run(
                "renkei", ["--home", home] + arguments, environment: ["RENKEI_RETRY_DELAYS": "0.05,0.1,0.2"])
        }
    }

    /// A write some replica made: which register, which value, by whom, acknowledged or not.
    struct Write {
        let key: RecordKey
        let value: JSONValue
        let replica: Int
        var acknowledged = false
    }

    /// Runs the scenario; returns what went wrong, each line naming the seed (empty: every
    /// promise held).
    public func run(log: (String) -> Void = { _ in }) throws -> [String] {
        try scenario(log: log).map { "seed \(seed): \($0)" }
    }

    private func scenario(log: (String) -> Void) throws -> [String] {
        var generator = SeededGenerator(seed: seed)
        let directory = try TemporaryDirectory(prefix: "renkei-chaos")
        let data = directory.path("server")
        var server = try ServerProcess(dataDirectory: data)
        let proxy = try FaultProxy(upstreamPort: server.port, seed: seed)
        let codes = Array(OsakaMunicipalities.all.prefix(municipalities).map(\.code))
        var replicas: [Replica] = []
        for (index, code) in (["shared"] + codes).enumerated() {
            let user = index == 0 ? "advisor" : "staff-\(code)"
            var replica = Replica(home: directory.path("r\(index)"), scope: code, user: user)
            let created = try replica.run(["init", "--scope", code, "--user", user, "--server", proxy.url, "--json"])
            guard created.status == 0 else { return ["init \(user): \(created.stderr)"] }
            if case .object(let members) = try JSONValue(parsing: created.stdout),
                case .string(let id)? = members["replica"]
            {
                replica.id = id
            }
            let token = try server.token(
                for: user, role: index == 0 ? "advisor" : "staff", scope: index == 0 ? nil : code)
            _ = FileManager.default.createFile(
                atPath: replica.home + "/token", contents: Data((token + "\n").utf8),
                attributes: [.posixPermissions: 0o600])
            replicas.append(replica)
        }

        var writes: [Write] = []
        var kills = 0
        /// Each replica's documents by name, for replacing and removing them.
        var documents: [Int: [String: String]] = [:]
        var fileCount = 0
        for round in 0..<rounds {
            for _ in 0..<(replicas.count * 2) {
                let index = Int.random(in: 0..<replicas.count, using: &generator)
                let replica = replicas[index]
                if Int.random(in: 0..<6, using: &generator) == 0 {
                    // A document: a new one, a new version of one, or a removal.
                    let name = "資料-\(Int.random(in: 0..<2, using: &generator)).bin"
                    let key: RecordKey
                    if let id = documents[index]?[name], Int.random(in: 0..<4, using: &generator) == 0 {
                        let removed = try replica.run(["docs", "rm", id])
                        guard removed.status == 0 else { return ["docs rm by \(replica.user): \(removed.stderr)"] }
                        documents[index]?[name] = nil
                        key = try Document.key(id: id)
                    } else {
                        fileCount += 1
                        let file = directory.path("file-\(fileCount).bin")
                        let size = [0, 1, 1_000, 70_000, 300_000][Int.random(in: 0..<5, using: &generator)]
                        try Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(
                            to: URL(fileURLWithPath: file))
                        let put = try replica.run(
                            [
                                "docs", "put", file, "--name", name, "--folder", "chaos", "--scope",
                                index == 0 ? "shared" : replica.scope, "--json",
                            ])
                        guard put.status == 0, case .object(let members) = try JSONValue(parsing: put.stdout),
                            case .string(let id)? = members["id"]
                        else { return ["docs put by \(replica.user): \(put.stderr)"] }
                        documents[index, default: [:]][name] = id
                        key = try Document.key(id: id)
                    }
                    // The value the replica wrote: its register now holds that one version only.
                    let written = try ReplicaStore.open(at: replica.home + "/replica.sqlite").register(for: key)
                    guard let version = written.versions.first, written.versions.count == 1 else {
                        return [
                            "\(replica.user)'s document \(key) has \(written.versions.count) versions after a write"
                        ]
                    }
                    writes.append(Write(key: key, value: version.value, replica: index))
                    continue
                }
                let scope = index == 0 ? codes[Int.random(in: 0..<codes.count, using: &generator)] : replica.scope
                // Staff write answers and hearings of their own municipality; the advisor hearings.
                let collection = index == 0 || Bool.random(using: &generator) ? "hearings" : "answers"
                let record =
                    collection == "answers"
                    ? "chaos/\(scope)/Q\(Int.random(in: 0..<3, using: &generator))" : "h-\(scope)"
                let field =
                    collection == "answers" ? "value" : ["place", "summary"][Int.random(in: 0...1, using: &generator)]
                let value: JSONValue =
                    Int.random(in: 0..<10, using: &generator) == 0
                    ? .null : .string("\(replica.user)-r\(round)-\(Int.random(in: 0..<1_000_000, using: &generator))")
                let arguments = ["put", collection, record, field, value.canonicalText, "--scope", scope]
                let result = try replica.run(arguments)
                guard result.status == 0 else { return ["put by \(replica.user): \(result.stderr)"] }
                writes.append(
                    Write(
                        key: try RecordKey(validating: collection, record: record, field: field), value: value,
                        replica: index))
                // Sometimes this replica syncs through the faulty proxy.
                if Bool.random(using: &generator) {
                    if try replica.run(["sync"]).status == 0 {
                        for position in writes.indices where writes[position].replica == index {
                            writes[position].acknowledged = true
                        }
                    }
                }
                // Now and then the server dies without warning and comes back.
                if let ended = server.ended { return ["the server ended by itself (\(ended))"] }
                if Int.random(in: 0..<25, using: &generator) == 0 {
                    server.kill9()
                    server = try ServerProcess(dataDirectory: data)
                    proxy.setUpstream(server.port)
                    kills += 1
                }
            }
        }

        // Heal, then everyone syncs until quiet.
        if let ended = server.ended { return ["the server ended by itself (\(ended))"] }
        proxy.faulty = false
        for _ in 0..<2 {
            for (index, replica) in replicas.enumerated() {
                let result = try replica.run(["sync"])
                guard result.status == 0 else {
                    return [
                        "final sync of \(replica.user) (proxy to port \(proxy.upstreamPort), server on \(server.port)): \(result.stderr)"
                    ]
                        + (server.ended.map { ["the server ended by itself (\($0))"] } ?? [])
                }
                for position in writes.indices where writes[position].replica == index {
                    writes[position].acknowledged = true
                }
            }
        }
        _ = try replicas[0].run(["sync"])
        log(
            "seed \(seed): \(writes.count) writes (\(writes.filter { $0.key.collection == Document.collection }.count) of documents), \(kills) server kill(s), faults \(proxy.counts.withLock { $0 }.filter { $0.key != .none }.map { "\($0.key.rawValue)=\($0.value)" }.sorted())"
        )

        var failures: [String] = []
        let advisorDump = try replicas[0].run(["dump"]).stdout
        for replica in replicas.dropFirst() {
            let dump = try replica.run(["dump"]).stdout
            let expected = advisorDump.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                line.isEmpty || line.contains(#""scope":"shared""#) || line.contains(#""scope":"\#(replica.scope)""#)
            }.joined(separator: "\n")
            if dump != expected {
                failures.append("\(replica.user) differs from the advisor's copy of what it may read")
            }
            for line in dump.split(separator: "\n")
            where !line.contains(#""scope":"\#(replica.scope)""#) && !line.contains(#""scope":"shared""#) {
                failures.append("\(replica.user) holds another municipality's data: \(line.prefix(120))")
            }
        }
        // Values: nothing nobody wrote; every acknowledged write still on the server.
        let store = try ServerStore(path: data + "/renkei.sqlite")
        var written: [RecordKey: Set<[UInt8]>] = [:]
        for write in writes { written[write.key, default: []].insert(write.value.canonicalBytes) }
        for (key, _, register) in try store.registers(in: "answers") + store.registers(in: "hearings")
            + store.registers(in: Document.collection)
        {
            for version in register.versions where !(written[key]?.contains(version.value.canonicalBytes) ?? false) {
                failures.append("\(key) holds \(version.value.canonicalText), which nobody wrote")
            }
        }
        for (position, write) in writes.enumerated() where write.acknowledged {
            // A later write by the same replica to the same field saw this one and superseded it
            // (possibly before it was ever sent): nothing is owed for it.
            if writes[(position + 1)...].contains(where: { $0.replica == write.replica && $0.key == write.key }) {
                continue
            }
            let versions = try store.allVersions(of: write.key).map(\.version)
            let author = replicas[write.replica].id
            if !versions.contains(where: {
                $0.author.hex == author && $0.value.canonicalBytes == write.value.canonicalBytes
            }) {
                failures.append(
                    "an acknowledged write to \(write.key) (\(write.value.canonicalText)) by \(replicas[write.replica].user) is lost"
                )
            }
        }
        // Every current document's file is on the server, whole.
        let blobs = try BlobStore(root: URL(fileURLWithPath: data + "/blobs"))
        for (key, _, register) in try store.registers(in: Document.collection) {
            for version in register.versions where version.value != .null {
                guard let document = try? Document(json: version.value, path: "value") else {
                    failures.append("\(key) holds a value that is not a document")
                    continue
                }
                if blobs.size(of: document.sha256) != document.size {
                    failures.append("the file of \(key) (\(document.sha256.prefix(12))…) is not on the server")
                }
            }
        }
        let damaged = try blobs.verifyAll().damaged
        if !damaged.isEmpty { failures.append("stored files damaged: \(damaged)") }
        for replica in replicas {
            let again = try replica.run(["sync", "--json"])
            var report: [String: JSONValue] = [:]
            if case .object(let members)? = try? JSONValue(parsing: again.stdout) { report = members }
            if again.status != 0 || report["pushed"] != .integer(0) || report["accepted"] != .integer(0) {
                failures.append("one more sync of \(replica.user) moved something: \(again.stdout)\(again.stderr)")
            }
        }
        server.kill9()
        return failures
    }
}
