import CommandLineSupport
import Foundation
import Glibc
import Localization
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
            throw UsageError(localized("federate.missing.upstream"))
        }
        guard let tokenFile = try arguments.option(ServerOptions.tokenFile) else {
            throw UsageError(localized("federate.missing.token.file"))
        }
        json = arguments.flag(ServerOptions.json)
        try arguments.finish()
        self.upstream = upstream
        self.tokenFile = tokenFile
    }

    func run() throws {
        guard let url = ServerAddress.url(upstream, httpOnly: true) else {
            throw UsageError(localized("federate.upstream.not.http", ["url": Printable.quoted(upstream)]))
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
            throw CommandFailure(
                localized("federate.upstream.failed", ["upstream": base, "error": error]), status: error.exitStatus)
        } catch let error as TransferError {
            guard case .notCached = error else { throw CommandFailure("\(error)", status: error.exitStatus) }
            throw CommandFailure(localized("federate.not.cached", ["error": error]), status: error.exitStatus)
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
            print(localized("federate.restarted"))
        }
        if summary.batches == 0 {
            print(localized("federate.nothing.new", ["upstream": base, "sequence": summary.sentThrough]))
        } else {
            let size = DisplayFormat.bytes(summary.fileBytes)
            let files =
                summary.files == 0 ? "" : localized("federate.sent.files", ["count": summary.files, "size": size])
            let replayed =
                summary.replayedBatches == 0
                ? "" : localized("federate.sent.replayed", ["count": summary.replayedBatches])
            let sent: [String: Any] = [
                "versions": summary.versions, "batches": summary.batches, "files": files, "upstream": base,
                "seconds": String(format: "%.1f", seconds), "replayed": replayed, "sequence": summary.sentThrough,
            ]
            print(localized("federate.sent", sent))
        }
        for rejection in summary.rejected {
            let values: [String: Any] = [
                "record": rejection.key, "code": rejection.code, "message": rejection.message,
            ]
            Terminal.printError(localized("federate.refused", values))
        }
    }
}
