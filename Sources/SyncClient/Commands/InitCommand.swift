import CommandLineSupport
import Foundation
import Models
import SyncStorage

/// `renkei init`: creates the replica with a new random replica id.
struct InitCommand {
    let home: ReplicaHome
    let scope: Scope
    let user: String
    let server: String?
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        guard let scopeText = try arguments.option(ClientOptions.initScope) else {
            throw UsageError("missing --scope CODE")
        }
        do { scope = try Scope(validating: scopeText) } catch { throw UsageError(error.description) }
        guard let user = try arguments.option(ClientOptions.user)?.precomposedStringWithCanonicalMapping else {
            throw UsageError("missing --user NAME")
        }
        do { try RecordKey.checkText(user, part: "user", limit: Change.maxUserBytes) } catch {
            throw UsageError(error.description)
        }
        self.user = user
        server = try arguments.option(ClientOptions.initServer)
        json = arguments.flag(ClientOptions.json)
        try arguments.finish()
    }

    func run() throws {
        let store = try home.create()
        try store.setSetting(.scope, to: scope.description)
        try store.setSetting(.user, to: user)
        if let server { try store.setSetting(.server, to: server) }
        if json {
            let result: JSONValue = [
                "replica": .string(store.replicaID.hex), "scope": .string(scope.description), "user": .string(user),
                "home": .string(home.url.path),
            ]
            print(result.canonicalText)
        } else {
            print("Created replica \(store.replicaID.hex) for \(scope) in \(home.url.path)")
        }
    }
}
