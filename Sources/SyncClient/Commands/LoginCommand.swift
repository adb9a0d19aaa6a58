import CommandLineSupport
import Foundation
import Models
import SyncProtocol
import SyncStorage

/// `renkei login`: stores the server URL and the token the prefecture issued, after checking
/// them with the server. The token is kept in the replica's home, readable by its owner only,
/// and never printed.
struct LoginCommand {
    static let help = """
        OVERVIEW: Connect this replica to the prefecture's server with the token you were given
        (`renkei-server admin token issue` prints it once). The server is asked who the token
        belongs to; the token is then stored in the replica's home (file `token`, mode 0600)
        and sent with every sync. It is never printed.

        The token is read from standard input or from a file, never from the command line
        (which is kept in your shell history and shown to other users by `ps`).

        USAGE: renkei login --server URL (--token - | --token-file FILE) [--proxy URL] [--json]
                            [--home DIR]

        OPTIONS:
          --server URL        The prefecture server, e.g. https://renkei.pref.osaka.lg.jp
          --token -           Read the token (rk_…) from standard input: on a terminal you are
                              asked for it and what you paste is not shown
          --token-file FILE   Read the token from FILE (readable by its owner only: chmod 600)
          --proxy URL         HTTP proxy (default: https_proxy / HTTPS_PROXY / http_proxy / HTTP_PROXY)
          --json              Print the result as JSON
          --home DIR          Where the replica lives

        EXAMPLES:
          renkei login --server https://renkei.pref.osaka.lg.jp --token -     (then paste it)
          renkei login --server https://renkei.pref.osaka.lg.jp --token - < tanaka.token
          renkei login --server https://renkei.pref.osaka.lg.jp --token-file tanaka.token
        """

    let home: ReplicaHome
    let server: String
    let tokenInput: TokenInput
    let proxy: ProxySettings
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        guard let server = try arguments.option("--server") else { throw UsageError("missing --server URL") }
        tokenInput = try TokenInput(&arguments)
        proxy = try ProxySettings.resolve(&arguments)
        json = arguments.flag("--json")
        try arguments.finish()
        _ = try ServerConnection.serverURL(server)
        self.server = server
    }

    func run() throws {
        let token = try tokenInput.read()
        let store = try home.open()
        let url = try ServerConnection.serverURL(server)
        let transport = ServerConnection.transport(
            to: url, proxy: proxy, timeout: 15, headers: SyncAPI.credentials(token: token, replica: store.replicaID))
        let api = SyncAPI(transport: transport, retry: .fromEnvironment(ProcessInfo.processInfo.environment))
        let who: WhoAmIResponse
        do {
            who = try api.whoami()
        } catch {
            throw CommandFailure("\(error) (\(url.absoluteString)); nothing was stored", status: error.exitStatus)
        }
        let user = who.user
        let role = who.role.rawValue
        let tokenScope = who.scope?.rawValue
        let replicaScope = try store.setting(.scope) ?? "shared"
        if let tokenScope, tokenScope != replicaScope {
            throw CommandFailure(
                "this replica works for \(replicaScope), but the token is for staff of \(tokenScope); nothing was stored",
                status: .dataError)
        }
        try home.tokenFile.write(token)
        try store.setSetting(.server, to: server)
        try store.setSetting(.role, to: role)
        let grant = tokenScope.map { "\(role) of \($0)" } ?? role
        if json {
            print(
                JSONValue.object([
                    "server": .string(url.absoluteString), "user": .string(user), "role": .string(role),
                    "scope": tokenScope.map(JSONValue.string) ?? .null,
                ]).canonicalText)
        } else {
            print("Logged in to \(url.absoluteString) as \(user) (\(grant)). Run `renkei sync` next.")
        }
    }
}
