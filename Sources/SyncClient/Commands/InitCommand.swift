import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

/// `renkei init`: creates the replica with a new random replica id.
struct InitCommand {
    let home: ReplicaHome
    let scope: Scope
    let user: String
    let server: String?
    let json: Bool
    /// `--force`: an existing replica is set aside (`ReplicaHome.setAside`) instead of refused.
    let force: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        guard let scopeText = try arguments.option(ClientOptions.initScope) else {
            throw UsageError(localized("usage.missing", ["what": "--scope CODE"]))
        }
        do { scope = try Scope(validating: scopeText) } catch { throw UsageError(error.description) }
        guard let user = try arguments.option(ClientOptions.user)?.precomposedStringWithCanonicalMapping else {
            throw UsageError(localized("usage.missing", ["what": "--user NAME"]))
        }
        do { try RecordKey.checkText(user, part: "user", limit: Change.maxUserBytes) } catch {
            throw UsageError(error.description)
        }
        self.user = user
        server = try arguments.option(ClientOptions.initServer)
        json = arguments.flag(ClientOptions.json)
        force = arguments.flag(ClientOptions.initForce)
        try arguments.finish()
    }

    func run() throws {
        let aside = force ? try home.setAside() : nil
        if let aside {
            let values: [String: Any] = ["path": aside.directory.path, "count": aside.unsentChanges]
            Terminal.printError(
                aside.unsentChanges > 0
                    ? localized("init.set.aside.unsent", values) : localized("init.set.aside", values))
        }
        let store = try home.create()
        try store.setSetting(.scope, to: scope.description)
        try store.setSetting(.user, to: user)
        if let server { try store.setSetting(.server, to: server) }
        if json {
            let result: JSONValue = [
                "replica": .string(store.replicaID.hex), "scope": .string(scope.description), "user": .string(user),
                "home": .string(home.url.path),
                "previous": aside.map { .string($0.directory.path) } ?? .null,
            ]
            print(result.canonicalText)
        } else {
            let values = ["replica": store.replicaID.hex, "scope": scope.description, "home": home.url.path]
            print(localized("init.created", values))
        }
    }
}
