import CommandLineSupport
import Foundation
import Models
import SyncProtocol
import SyncStorage

/// `renkei login`: stores the server URL and the token the prefecture issued, after checking
/// them with the server. The token is kept in the replica's home, readable by its owner only,
/// and never printed.
struct LoginCommand {
    let home: ReplicaHome
    let server: String
    let tokenInput: TokenInput
    let proxy: ProxySettings
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        guard let server = try arguments.option(ClientOptions.loginServer) else {
            throw UsageError("missing --server URL")
        }
        tokenInput = try TokenInput(&arguments)
        proxy = try ProxySettings.resolve(&arguments)
        json = arguments.flag(ClientOptions.json)
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
        try store.setSetting(.onBehalf, to: who.onBehalf.map(\.rawValue).joined(separator: ","))
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
