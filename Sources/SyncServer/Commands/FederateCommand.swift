import CommandLineSupport
import Foundation
import Glibc
import Models
import SyncProtocol
import SyncStorage

/// `renkei-server federate`: one round of sending this server's data up to an upstream server.
struct FederateCommand {
    let data: ServerDataDirectory
    let upstream: String
    let tokenFile: String
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        data = try ServerDataDirectory(&arguments)
        guard let upstream = try arguments.option(ServerOptions.upstream) else {
            throw UsageError("missing --upstream URL")
        }
        guard let tokenFile = try arguments.option(ServerOptions.tokenFile) else {
            throw UsageError("missing --token-file FILE (the token the upstream server issued for this one)")
        }
        json = arguments.flag(ServerOptions.json)
        try arguments.finish()
        self.upstream = upstream
        self.tokenFile = tokenFile
    }

    func run() throws {
        guard let url = ServerAddress.url(upstream, httpOnly: true) else {
            throw UsageError(
                "--upstream must be an http:// URL (got \(Printable.quoted(upstream))); for TLS, run a local TLS proxy (nginx stream, stunnel) and give its address"
            )
        }
        let base = url.absoluteString
        let token = try TokenFile(path: tokenFile).read()
        let store = try data.openStore(create: false)
        let transport = SocketTransport(
            server: url, timeout: 60, headers: SyncAPI.credentials(token: token, replica: store.replicaID))!
        let uplink = Uplink(
            store: store, blobs: try data.openBlobStore(), api: SyncAPI(transport: transport), upstream: base)
        let started = Date()
        let summary: Uplink.Summary
        do {
            summary = try uplink.run()
        } catch let error as SyncError {
            throw CommandFailure("upstream \(base): \(error)", status: error.exitStatus)
        } catch let error as TransferError {
            let advice = if case .notCached = error { ": run `renkei-server admin verify-blobs`" } else { "" }
            throw CommandFailure("\(error)\(advice)", status: error.exitStatus)
        }
        let seconds = Date().timeIntervalSince(started)
        if summary.batches > 0 {
            try AdminCommand.record(
                store.access, "federate",
                "upstream=\(base) versions=\(summary.versions) files=\(summary.files) through=\(summary.sentThrough)"
            )
        }
        if json {
            let result: JSONValue = [
                "upstream": .string(base), "versions": .integer(Int64(summary.versions)),
                "batches": .integer(Int64(summary.batches)),
                "replayed_batches": .integer(Int64(summary.replayedBatches)),
                "files": .integer(Int64(summary.files)), "file_bytes": .integer(summary.fileBytes),
                "restarted": .bool(summary.restarted), "sent_through": .integer(summary.sentThrough),
                "upstream_sequence": .integer(summary.upstreamSequence),
                "rejected": .array(
                    summary.rejected.map { ["record": .string($0.key.description), "code": .string($0.code.rawValue)] }),
            ]
            print(result.canonicalText)
            return
        }
        if summary.restarted {
            print("The upstream server was restored from a backup: sending everything again.")
        }
        if summary.batches == 0 {
            print("Nothing new for \(base): it has every version up to sequence \(summary.sentThrough).")
        } else {
            let files =
                summary.files == 0 ? "" : ", \(summary.files) file(s) (\(DisplayFormat.bytes(summary.fileBytes)))"
            let replayed =
                summary.replayedBatches == 0 ? "" : "; \(summary.replayedBatches) batch(es) it had already applied"
            print(
                "Sent \(summary.versions) version(s) in \(summary.batches) batch(es)\(files) to \(base) in \(String(format: "%.1f", seconds)) s\(replayed). It has everything up to sequence \(summary.sentThrough) of this server."
            )
        }
        for rejection in summary.rejected {
            Terminal.printError(
                "warning: the upstream refused \(rejection.key) (\(rejection.code)): \(rejection.message)")
        }
    }
}
