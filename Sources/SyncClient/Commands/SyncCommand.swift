import CommandLineSupport
import Foundation
import Localization
import Models
import SyncProtocol
import SyncStorage

/// `renkei sync`: one sync round with the server.
struct SyncCommand {
    let home: ReplicaHome
    let server: String?
    let proxy: ProxySettings
    let json: Bool
    let verbose: Bool
    /// `--every`: seconds between rounds; nil for one round.
    let every: Int?

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        verbose = arguments.flag(ClientOptions.verbose)
        server = try arguments.option(ClientOptions.syncServer)
        proxy = try ProxySettings.resolve(&arguments)
        json = arguments.flag(ClientOptions.json)
        every = try arguments.option(ClientOptions.every).map(Self.interval)
        try arguments.finish()
        if let server { _ = try ServerConnection.serverURL(server) }
    }

    /// `30s`, `10m`, `1h` in seconds (1 second to 1 day).
    static func interval(_ text: String) throws(UsageError) -> Int {
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3600]
        guard let unit = text.last.flatMap({ units[$0] }), let count = Int(text.dropLast()),
            (1...86_400).contains(count),
            count * unit <= 86_400
        else { throw UsageError(localized("sync.every.invalid")) }
        return count * unit
    }

    func run() throws {
        guard let every else { return try runOnce() }
        try SyncLoop(interval: every).run { () throws(CommandFailure) in
            do { try runOnce() } catch let failure as CommandFailure { throw failure } catch {
                throw CommandFailure("\(error)", status: .failure)
            }
        }
    }

    /// One round: push, then pull; the summary on standard output (or JSON).
    func runOnce() throws {
        let store = try home.open()
        var (engine, url) = try Self.engine(home: home, store: store, proxy: proxy, server: server)
        let showTransfers = Terminal.errorIsTerminal && !json
        engine.uploadProgress = { name, size in
            let printer = TransferProgressPrinter(direction: "↑", name: name, total: size, enabled: showTransfers)
            return printer.update
        }
        engine.progress = SyncProgressPrinter(verbose: verbose, terminal: Terminal.errorIsTerminal && !json).callback
        let report: SyncReport
        do {
            report = try engine.run()
        } catch let error as SyncError {
            let waiting = try store.pendingCount()
            let values: [String: Any] = ["error": "\(error)", "server": url.absoluteString, "count": waiting]
            let message = waiting > 0 ? localized("sync.failed.kept", values) : localized("sync.failed", values)
            throw CommandFailure(message, status: error.exitStatus)
        } catch let error as StorageError {
            throw CommandFailure("\(error)", status: .dataError)
        } catch let error as TransferError {
            let message =
                if case .notCached = error {
                    localized("sync.transfer.not.cached", ["error": "\(error)"])
                } else {
                    localized("sync.transfer.failed", ["error": "\(error)"])
                }
            throw CommandFailure(message, status: error.exitStatus)
        }
        if json {
            var members: [String: JSONValue] = [
                "pushed": .integer(Int64(report.pushed)), "batches": .integer(Int64(report.batches)),
                "replayed_batches": .integer(Int64(report.replayedBatches)), "pulled": .integer(Int64(report.pulled)),
                "accepted": .integer(Int64(report.accepted)), "conflicts": .integer(Int64(report.conflicts)),
                "pending": .integer(try store.pendingCount()), "files": .integer(Int64(report.uploadedFiles)),
                "requeued": .integer(Int64(report.requeued)), "rejected": .integer(Int64(report.newlyRejected)),
            ]
            if let rewound = report.rewound {
                members["rewound"] = [
                    "previous_replica": .string(rewound.previous.hex), "replica": .string(rewound.replica.hex),
                    "restamped": .integer(Int64(rewound.restamped)),
                    "conflicts": .integer(Int64(report.rewindConflicts)),
                ]
            }
            print(JSONValue.object(members).canonicalText)
        } else {
            if let rewound = report.rewound {
                print(Self.rewindMessage(rewound, conflicts: report.rewindConflicts))
            }
            if report.requeued > 0 {
                print(localized("sync.requeued", ["count": report.requeued]))
            }
            let values: [String: Any] = [
                "sent": report.pushed - report.rejected, "pending": report.pending, "files": report.uploadedFiles,
                "pulled": report.pulled, "accepted": report.accepted,
            ]
            print(report.uploadedFiles > 0 ? localized("sync.done.files", values) : localized("sync.done", values))
            if report.newlyRejected > 0 {
                print(localized("sync.rejected", ["count": report.newlyRejected]))
            }
            if report.conflicts > 0 {
                print(localized("sync.conflicts", ["count": report.conflicts]))
            }
        }
    }

    /// What a clerk is told when the replica was restored from an old copy of itself.
    /// A sync round of `store`'s replica with its server and file cache (the one setup of
    /// `renkei sync` and the browser UI's sync button), and the server's URL.
    static func engine(home: ReplicaHome, store: ReplicaStore, proxy: ProxySettings, server: String? = nil) throws
        -> (engine: SyncEngine, url: URL)
    {
        let connection = try ServerConnection.open(home: home, store: store, proxy: proxy, server: server)
        var engine = SyncEngine(store: store, api: connection.api)
        engine.cache = try home.blobCache()
        return (engine, connection.url)
    }

    static func rewindMessage(_ rewound: RewindRecovery, conflicts: Int) -> String {
        let ids = [
            "short": String(rewound.replica.hex.prefix(8)), "replica": rewound.replica.hex,
            "previous": rewound.previous.hex,
        ]
        var lines = [localized("sync.rewound", ids)]
        if rewound.restamped > 0 { lines.append(localized("sync.rewound.restamped", ["count": rewound.restamped])) }
        if conflicts > 0 { lines.append(localized("sync.rewound.conflicts", ["count": conflicts])) }
        return lines.joined(separator: "\n")
    }
}
