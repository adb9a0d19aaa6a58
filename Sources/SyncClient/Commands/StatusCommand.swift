import CommandLineSupport
import Foundation
import Models
import SyncStorage

/// `renkei status`: identity, settings, pending changes and conflicts of the local replica.
struct StatusCommand {
    let home: ReplicaHome
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        json = arguments.flag(ClientOptions.json)
        try arguments.finish()
    }

    func run() throws {
        let store = try home.open()
        let statistics = try store.statistics()
        let pending = try store.pendingCount()
        let cursor = try store.pullCursor()
        let scope = try store.setting(.scope) ?? ""
        let user = try store.setting(.user) ?? ""
        let server = try store.setting(.server)
        let lastSync = try store.setting(.lastSync).flatMap { Int64($0) }
        let loggedIn = ((try? home.tokenFile.readIfPresent()) ?? nil) != nil
        let role = try store.grantDescription()
        if json {
            let result: JSONValue = [
                "replica": .string(store.replicaID.hex), "scope": .string(scope), "user": .string(user),
                "server": server.map(JSONValue.string) ?? .null, "pending": .integer(pending),
                "conflicts": .integer(statistics.conflicts), "registers": .integer(statistics.registers),
                "pulled_up_to": .integer(cursor), "last_sync": lastSync.map { .integer($0) } ?? .null,
                "logged_in": .bool(loggedIn), "grant": .string(role),
            ]
            print(result.canonicalText)
        } else {
            print("Replica:          \(store.replicaID.hex)")
            print("Scope / user:     \(scope) / \(user)")
            print("Server:           \(server ?? "(not set)")")
            print(
                "Token:            \(loggedIn ? "stored (\(role))" : "none: run `renkei login --server URL --token -`")"
            )
            print("Pending changes:  \(pending)")
            print("Conflicts:        \(statistics.conflicts)")
            print("Fields:           \(statistics.registers)")
            print("Pulled up to:     \(cursor)")
            let lastText =
                lastSync.map { Date(timeIntervalSince1970: Double($0) / 1000).formatted(.iso8601) } ?? "never"
            print("Last sync:        \(lastText)")
        }
    }
}
