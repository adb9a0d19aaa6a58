import CommandLineSupport
import Foundation
import HTTP1
import Localization
import Models

/// `renkei ui`: the browser UI on this replica. Serves on 127.0.0.1 only (a random port unless
/// `--port`), prints the link with its one-time secret and opens it in the browser, then serves
/// until Ctrl+C. Everything works offline; the sync button reaches the server.
struct UICommand {
    let home: ReplicaHome
    let port: UInt16
    let opensBrowser: Bool
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        let portText = try arguments.option(UICommand.portOption)
        opensBrowser = !arguments.flag(UICommand.noOpen)
        json = arguments.flag(ClientOptions.json)
        try arguments.finish()
        guard let port = UInt16(portText ?? "0") else {
            throw UsageError(localized("ui.port.invalid", ["port": portText ?? ""]))
        }
        self.port = port
    }

    static let portOption = CommandOption.value("--port", "N", localized("option.client.ui.port"))
    static let noOpen = CommandOption.flag("--no-open", localized("option.client.ui.no.open"))

    func run() throws {
        _ = try home.open()
        let access = UIAccess()
        let routes = UIRoutes(home: home, access: access, sync: UISyncJob(home: home))
        var configuration = HTTPServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = port
        configuration.maxConnections = 64
        configuration.maxConnectionsPerAddress = 64
        // Every client is 127.0.0.1, so the per-address cap cannot tell the owner's browser from
        // another local user's flood: at capacity the oldest connection still waiting for its
        // request is closed at once (a browser sends its request within milliseconds), and a head
        // must arrive within 5 s.
        configuration.evictableAfterSeconds = 0
        configuration.headerTimeoutSeconds = 5
        configuration.log = { _, _, _ in }
        let server: HTTPServer
        do {
            server = try HTTPServer(configuration: configuration, responder: routes)
        } catch {
            throw CommandFailure(
                localized("ui.listen.failed", ["port": port, "reason": "\(error)"]), status: .unavailable)
        }
        routes.bind(port: server.port)
        server.start()
        let url = "http://127.0.0.1:\(server.port)/open?key=\(access.secret ?? "")"
        // The browser is handed a file that holds the link, not the link itself: a program's
        // arguments are visible to every user of the machine (/proc/*/cmdline), a 0600 file in
        // the replica's home is not.
        let opened = opensBrowser && (try? BrowserLauncher.open(url, through: home.url)) == true
        // Written at once (not through print's buffer): a script reads the address while this runs.
        let line =
            if json {
                JSONValue.object(["url": .string(url), "port": .integer(Int64(server.port))]).canonicalText
            } else {
                opened ? localized("ui.started.opened", ["url": url]) : localized("ui.started", ["url": url])
            }
        Terminal.write(Array((line + "\n").utf8))
        StopRequest.untilInterrupted()
    }
}
