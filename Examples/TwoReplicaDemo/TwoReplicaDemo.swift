import Foundation
import Models
import SyncStorage

/// `renkei-demo`: two replicas edit offline, sync through the server's database, meet a
/// conflict, resolve it, and end byte-identical.
///
///     renkei-demo [--data DIR]      (default ./renkei-data, the server's default data dir)
@main
struct TwoReplicaDemo {
    static func main() throws {
        let arguments = CommandLine.arguments
        let dataPath =
            arguments.firstIndex(of: "--data").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
            ?? "./renkei-data"
        let data = URL(fileURLWithPath: dataPath).standardizedFileURL
        let demo = data.appendingPathComponent("demo")
        // The demo's own scratch replicas from an earlier run; their data is on the server anyway.
        try? FileManager.default.removeItem(at: demo)
        try FileManager.default.createDirectory(
            at: demo, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])

        let server = try ServerStore(path: data.appendingPathComponent("renkei.sqlite").path)
        let network = DemoSync(server: server)
        // Laid out like `renkei init` does, so `renkei --home DIR status` can open them.
        func makeReplica(_ name: String, scope: String, user: String) throws -> ReplicaStore {
            let home = demo.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let replica = try ReplicaStore.create(at: home.appendingPathComponent("replica.sqlite").path)
            try replica.setSetting(.scope, to: scope)
            try replica.setSetting(.user, to: user)
            return replica
        }
        let osaka = try makeReplica("osaka-city", scope: "271004", user: "tanaka")
        let advisor = try makeReplica("advisor", scope: "shared", user: "advisor")
        let osakaScope = Scope.municipality(try MunicipalityCode(validating: "271004"))
        func answer(_ item: String, _ field: String = "value") throws -> RecordKey {
            try RecordKey(validating: "answers", record: "osaka-dx-2025/271004/\(item)", field: field)
        }
        func show(_ title: String, _ replica: ReplicaStore, _ keys: [RecordKey]) throws {
            print("  \(title):")
            for key in keys {
                let register = try replica.register(for: key)
                let values = register.versions.map { "\($0.value.canonicalText) (\($0.user))" }
                let marker = register.isConflicted ? "  <- CONFLICT" : ""
                print(
                    "    \(key.record.split(separator: "/").last!)#\(key.field) = \(values.joined(separator: " | "))\(marker)"
                )
            }
        }
        let keys = [try answer("A05"), try answer("A05", "note"), try answer("A06")]

        print("Renkei demo: server data in \(data.path), replicas in \(demo.path)\n")
        print("1. Both replicas start from what the server has.")
        try network.sync(osaka)
        try network.sync(advisor)

        print("2. Osaka City (staff: tanaka) answers the survey offline, then syncs; the advisor syncs.")
        try osaka.write(12, to: try answer("A05"), scope: osakaScope, user: "tanaka")
        try osaka.write("はい", to: try answer("A06"), scope: osakaScope, user: "tanaka")
        let first = try network.sync(osaka)
        print("   Osaka City pushed \(first.pushed) changes; the advisor pulled \(try network.sync(advisor).pulled)")

        print("3. Offline, both edit: tanaka changes A05 to 15; the advisor corrects A05 to 14 and adds a note.")
        try osaka.write(15, to: try answer("A05"), scope: osakaScope, user: "tanaka")
        try advisor.write(14, to: try answer("A05"), scope: osakaScope, user: "advisor")
        try advisor.write("人数は4月1日時点", to: try answer("A05", "note"), scope: osakaScope, user: "advisor")

        print("4. Both sync. Different fields merge; the same field keeps both values as a conflict.")
        try network.sync(osaka)
        try network.sync(advisor)
        try network.sync(osaka)
        try show("Osaka City", osaka, keys)
        try show("advisor", advisor, keys)

        print("5. Tanaka resolves the conflict by writing A05 again (15); everyone syncs.")
        try osaka.write(15, to: try answer("A05"), scope: osakaScope, user: "tanaka")
        try network.sync(osaka)
        try network.sync(advisor)
        try show("Osaka City", osaka, keys)
        try show("advisor", advisor, keys)

        let identical =
            try osaka.canonicalDump() == advisor.canonicalDump() && osaka.canonicalDump() == server.canonicalDump()
        let statistics = try server.statistics()
        print("\n6. Converged: both replicas and the server dump identical bytes: \(identical ? "yes" : "NO")")
        print(
            "   server: \(statistics.registers) fields, \(statistics.superseded) superseded versions kept as history, sequence \(statistics.lastSequence)"
        )
        print("   look inside: renkei --home \(demo.appendingPathComponent("osaka-city").path) status")
        if !identical { exit(1) }
    }
}
