import Foundation
import Models
import TestSupport
import Testing

/// `renkei conflicts` with the real binaries: a conflict made by two replicas is listed, resolved
/// on one, and gone everywhere after sync.
@Suite(.serialized) struct ConflictsEndToEndTests {
    @Test func aConflictIsListedResolvedAndGoneEverywhere() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        #expect(try osaka.run(["conflicts"]).stdout == "No conflicts.\n")
        try osaka.put("answers", "osaka-dx-2025/271004/A05", "value", "15")
        try suzuki.put("answers", "osaka-dx-2025/271004/A05", "value", "14", scope: "271004")
        for replica in [osaka, suzuki, osaka] { _ = try replica.sync() }

        let listed = try JSONValue(
            parsing: try osaka.run(["conflicts", "--json"]).stdout.trimmingCharacters(in: .newlines))
        guard case .array(let entries) = listed, entries.count == 1, let versions = entries[0]["versions"] else {
            Issue.record("expected one conflict, got \(listed)")
            return
        }
        #expect(versions.count == 2)
        #expect(entries[0]["record"] == "osaka-dx-2025/271004/A05" && entries[0]["scope"] == "271004")
        let text = try osaka.run(["conflicts"]).stdout
        #expect(text.contains("answers/osaka-dx-2025/271004/A05#value  (2 versions)") && text.contains("[2]"))

        // Pick the suzuki's value (find its index in the listing).
        guard case .array(let list) = versions,
            let index = list.firstIndex(where: { $0["user"] == "suzuki" })
        else { return }
        let resolved = try osaka.run([
            "conflicts", "resolve", "answers/osaka-dx-2025/271004/A05#value", "--pick", "\(index + 1)",
        ])
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(try osaka.run(["conflicts"]).stdout == "No conflicts.\n")
        for replica in [osaka, suzuki] { _ = try replica.sync() }
        for replica in [osaka, suzuki] {
            #expect(try replica.run(["get", "answers", "osaka-dx-2025/271004/A05", "value"]).stdout == "14\n")
            #expect(try replica.run(["status", "--json"]).stdout.contains(#""conflicts":0"#))
        }
        #expect(try osaka.dump() == (try suzuki.dump()))
    }

    @Test func badResolveRequestsAreRefusedAndWriteNothing() throws {
        let directory = try TemporaryDirectory()
        let osaka = try CLIReplica(
            directory, "osaka", scope: "271004", user: "tanaka", server: "http://127.0.0.1:9",
            token: "rk_" + String(repeating: "0", count: 64))
        try osaka.put("answers", "osaka-dx-2025/271004/A05", "value", "15")
        let key = "answers/osaka-dx-2025/271004/A05#value"
        #expect(try osaka.run(["conflicts", "resolve", key, "--pick", "1"]).status == 1, "no conflict to resolve")
        #expect(try osaka.run(["conflicts", "resolve", key]).status == 64)
        #expect(try osaka.run(["conflicts", "resolve", key, "--pick", "1", "--value", "2"]).status == 64)
        #expect(try osaka.run(["conflicts", "resolve", "not-a-key", "--pick", "1"]).status == 64)
        #expect(try osaka.run(["conflicts", "resolve", key, "--value", "{oops"]).status == 65)
        #expect(try osaka.run(["conflicts", "fix"]).status == 64)
        #expect(try osaka.run(["status", "--json"]).stdout.contains(#""pending":1"#), "nothing was written")
    }
}
