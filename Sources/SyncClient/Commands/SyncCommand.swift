import CommandLineSupport
import Foundation
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
        else { throw UsageError("--every takes an interval such as 10m, 1h or 30s (at most 24h)") }
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
        let connection = try ServerConnection.open(home: home, store: store, proxy: proxy, server: server)
        let url = connection.url
        var engine = SyncEngine(store: store, api: connection.api)
        engine.cache = try home.blobCache()
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
            let kept = waiting > 0 ? " \(waiting) local change(s) are kept and will be sent at the next sync." : ""
            throw CommandFailure("\(error) (\(url.absoluteString)).\(kept)", status: error.exitStatus)
        } catch let error as StorageError {
            throw CommandFailure("\(error)", status: .dataError)
        } catch let error as TransferError {
            let advice = if case .notCached = error { " (run `renkei docs verify`)" } else { "" }
            throw CommandFailure(
                "\(error)\(advice). Nothing was pushed; local changes are kept.", status: error.exitStatus)
        }
        if json {
            var members: [String: JSONValue] = [
                "pushed": .integer(Int64(report.pushed)), "batches": .integer(Int64(report.batches)),
                "replayed_batches": .integer(Int64(report.replayedBatches)), "pulled": .integer(Int64(report.pulled)),
                "accepted": .integer(Int64(report.accepted)), "conflicts": .integer(Int64(report.conflicts)),
                "pending": .integer(try store.pendingCount()), "files": .integer(Int64(report.uploadedFiles)),
                "requeued": .integer(Int64(report.requeued)), "rejected": .integer(Int64(report.rejected)),
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
                print(
                    "The server was restored from a backup: \(report.requeued) of your change(s) were sent again so that none is lost."
                )
            }
            let files = report.uploadedFiles > 0 ? " and \(report.uploadedFiles) file(s)" : ""
            print(
                "Sent \(report.pushed - report.rejected) of \(report.pending) change(s)\(files), received \(report.pulled) (\(report.accepted) new)."
            )
            if report.rejected > 0 {
                print(
                    "サーバーが \(report.rejected) 件の変更を受け付けませんでした（他の変更は送信済み）。理由は `renkei rejected` で確認できます。\n"
                        + "The server refused \(report.rejected) change(s) (the rest was sent): see `renkei rejected` for why, then fix and retry, or drop them."
                )
            }
            if report.conflicts > 0 {
                print(
                    "\(report.conflicts) field(s) have conflicting versions: see `renkei get` and write the right value."
                )
            }
        }
    }

    /// What a clerk is told when the replica was restored from an old copy of itself.
    static func rewindMessage(_ rewound: RewindRecovery, conflicts: Int) -> String {
        var lines = [
            "このPCの控え（replica）は、以前のコピー（バックアップからの復元、システムの復元、プロファイルのコピーなど）に戻っていました。"
                + "サーバーにある、その後の変更をすべて受け取り、新しいレプリカID \(rewound.replica.hex.prefix(8))… で続けます。失われた変更はありません。",
            "This replica had been restored from an older copy of itself: it received everything the server holds (its own later changes included) and continues as replica \(rewound.replica.hex) (was \(rewound.previous.hex)). Nothing was lost.",
        ]
        if rewound.restamped > 0 {
            lines.append(
                "復元後に入力した \(rewound.restamped) 件の変更も送信しました。 / The \(rewound.restamped) change(s) made since the restore were sent as well."
            )
        }
        if conflicts > 0 {
            lines.append(
                "\(conflicts) 件の項目は、復元前と復元後の両方で変更されていたため競合として残しました。`renkei conflicts` で確認し、正しい値を選んでください。 / \(conflicts) field(s) were changed both before and after the restore: see `renkei conflicts` and keep the right value."
            )
        }
        return lines.joined(separator: "\n")
    }
}
