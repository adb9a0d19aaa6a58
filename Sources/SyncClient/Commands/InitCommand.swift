import CommandLineSupport
import Foundation
import Models
import SyncStorage

/// `renkei init`: creates the replica with a new random replica id.
struct InitCommand {
    static let help = """
        OVERVIEW: Create the local replica. Each installation gets a new random replica id;
        a reinstall is a new replica.

        USAGE: renkei init --scope CODE --user NAME [--server URL] [--home DIR] [--json]

        OPTIONS:
          --scope CODE   Your municipality's 6-digit code (e.g. 271004 for Osaka City),
                         or `shared` for the advisor
          --user NAME    Your login name, recorded on every change you make
          --server URL   The prefecture server to sync with (can be set later)
          --home DIR     Where to keep the replica (default: $RENKEI_HOME, else ~/.renkei)
          --json         Print the result as JSON

        EXAMPLES:
          renkei init --scope 271004 --user tanaka --server https://renkei.pref.osaka.lg.jp
          renkei init --scope shared --user advisor        (the advisor; set the server later)
        """

    let home: ReplicaHome
    let scope: Scope
    let user: String
    let server: String?
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        guard let scopeText = try arguments.option("--scope") else { throw UsageError("missing --scope CODE") }
        do { scope = try Scope(validating: scopeText) } catch { throw UsageError(error.description) }
        guard let user = try arguments.option("--user")?.precomposedStringWithCanonicalMapping else {
            throw UsageError("missing --user NAME")
        }
        do { try RecordKey.checkText(user, part: "user", limit: Change.maxUserBytes) } catch {
            throw UsageError(error.description)
        }
        self.user = user
        server = try arguments.option("--server")
        json = arguments.flag("--json")
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
