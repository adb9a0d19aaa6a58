import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncProtocol
import SyncStorage

/// `renkei status`: identity, settings, pending changes and conflicts of the local replica.
struct StatusCommand {
    let home: ReplicaHome
    let json: Bool
    /// `--offline`: the token is not checked with the server.
    let offline: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        json = arguments.flag(ClientOptions.json)
        offline = arguments.flag(ClientOptions.offline)
        try arguments.finish()
    }

    /// What the server said of the stored token.
    enum TokenCheck: String {
        /// It takes the token (for the user and scope it names).
        case accepted
        /// It refuses it (revoked, expired, mistyped): the next step is a new token.
        case refused
        /// No answer (offline, server down): not known.
        case unreachable
        /// Not asked (`--offline`, no server or no token).
        case notChecked = "not_checked"
    }

    /// Asks the server whose token this is (`GET /v1/whoami`), once, within 5 seconds.
    func checkToken(_ store: ReplicaStore, loggedIn: Bool, server: String?) -> (TokenCheck, String?) {
        guard !offline, loggedIn, server != nil else { return (.notChecked, nil) }
        do {
            let proxy = ProxySettings.fromEnvironment
            var connection = try ServerConnection.open(home: home, store: store, proxy: proxy, timeout: 5)
            connection.api.retry = RetryPolicy(delays: [])
            let whoami = try connection.api.whoami()
            return (.accepted, whoami.user)
        } catch let error as SyncError {
            if case .refused(_, .unauthorized, _) = error { return (.refused, nil) }
            return (.unreachable, nil)
        } catch {
            return (.unreachable, nil)
        }
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
        let (check, serverUser) = checkToken(store, loggedIn: loggedIn, server: server)
        if json {
            let result: JSONValue = [
                "replica": .string(store.replicaID.hex), "scope": .string(scope), "user": .string(user),
                "server": server.map(JSONValue.string) ?? .null, "pending": .integer(pending),
                "conflicts": .integer(statistics.conflicts), "registers": .integer(statistics.registers),
                "pulled_up_to": .integer(cursor), "last_sync": lastSync.map { .integer($0) } ?? .null,
                "logged_in": .bool(loggedIn), "grant": .string(role), "token_check": .string(check.rawValue),
            ]
            print(result.canonicalText)
        } else {
            let lastText =
                lastSync.map { JapanTime.marked($0) }
                ?? localized("status.never")
            var token =
                loggedIn ? localized("status.token.stored", ["grant": role]) : localized("status.token.none")
            switch check {
            case .accepted: token += localized("status.token.accepted", ["user": serverUser ?? ""])
            case .refused: token += localized("status.token.refused")
            case .unreachable: token += localized("status.token.unchecked")
            case .notChecked: break
            }
            let rows = [
                (localized("status.replica"), store.replicaID.hex),
                (localized("status.scope.user"), "\(scope) / \(user)"),
                (localized("status.server"), server ?? localized("status.server.none")),
                (localized("status.token"), token), (localized("status.pending"), "\(pending)"),
                (localized("status.conflicts"), "\(statistics.conflicts)"),
                (localized("status.fields"), "\(statistics.registers)"), (localized("status.pulled"), "\(cursor)"),
                (localized("status.last.sync"), lastText),
            ]
            // The values line up two columns after the widest label (display width: Japanese
            // labels are two columns a character).
            let column = (rows.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2
            for (label, value) in rows { print(DisplayWidth.padded(label, to: column) + value) }
        }
    }
}
