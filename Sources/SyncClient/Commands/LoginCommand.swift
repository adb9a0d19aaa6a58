import CommandLineSupport
import Foundation
import Localization
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
            throw UsageError(localized("usage.missing", ["what": "--server URL"]))
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
            throw CommandFailure(
                localized("login.failed", ["error": "\(error)", "server": url.absoluteString]), status: error.exitStatus
            )
        }
        let user = who.user
        let role = who.role.rawValue
        let tokenScope = who.scope?.rawValue
        let replicaScope = try store.setting(.scope) ?? "shared"
        if let tokenScope, tokenScope != replicaScope {
            throw CommandFailure(
                localized("login.scope.mismatch", ["replica": replicaScope, "token": tokenScope]),
                status: .dataError)
        }
        try home.tokenFile.write(token)
        try store.setSetting(.server, to: server)
        try store.setSetting(.role, to: role)
        try store.setSetting(.onBehalf, to: who.onBehalf.map(\.rawValue).joined(separator: ","))
        let grant = tokenScope.map { localized("login.grant.scoped", ["role": role, "scope": $0]) } ?? role
        if json {
            print(
                JSONValue.object([
                    "server": .string(url.absoluteString), "user": .string(user), "role": .string(role),
                    "scope": tokenScope.map(JSONValue.string) ?? .null,
                ]).canonicalText)
        } else {
            print(localized("login.done", ["server": url.absoluteString, "user": user, "grant": grant]))
        }
    }
}
