import CommandLineSupport
import Foundation
import Localization
import Models
import SyncProtocol
import SyncStorage

extension DocsCommand {
    // MARK: - get

    func get(_ arguments: inout ArgumentList) throws {
        let output = try arguments.option(ClientOptions.documentOutput)
        let versionText = try arguments.option(ClientOptions.version)
        let force = arguments.flag(ClientOptions.force)
        let json = arguments.flag(ClientOptions.json)
        let proxy = try ProxySettings.resolve(&arguments)
        let reference = try arguments.positional("ID|PATH")
        try arguments.finish()
        // With -o - the file itself goes to standard output: no room for JSON there.
        if json && output == "-" { throw UsageError(localized("docs.get.json.stdout")) }

        let entry = try DocumentEntry.find(reference, store: store)
        // Version numbers are those `docs history` shows: the same sources, in the same order.
        let needsHistory = versionText != nil || entry.isConflicted
        let remote = needsHistory ? remoteHistory(of: entry, store: store, proxy: proxy)?.changes : nil
        let document = try Self.pick(entry, version: versionText, store: store, remote: remote)
        // Decided before a long download (an existing output is refused at once), and kept:
        // the write goes by what was there now, never by what is there after the download.
        let destination = output == "-" ? nil : Self.destination(output, name: document.name)
        let target = try destination.map { try OutputTarget.decide(for: $0, force: force) }
        let cache = try home.blobCache()
        // A file just downloaded was hashed on arrival; one cached earlier is checked as it is copied.
        let downloaded = cache.size(of: document.sha256) != document.size
        if downloaded { try download(document, into: cache, store: store, proxy: proxy) }
        let check = downloaded ? nil : document.sha256
        let source = cache.url(for: document.sha256)
        guard let destination, let target else {
            try Self.copy(from: source, to: LocalFile.standardOutput(), expectedHash: check, cache: cache)
            return
        }
        try Self.write(from: source, to: destination, as: target, expectedHash: check, cache: cache)
        if json {
            print(
                JSONValue.object([
                    "path": .string(destination.path), "sha256": .string(document.sha256),
                    "size": .integer(document.size),
                ]).canonicalText)
            return
        }
        let size = TransferProgressPrinter.bytes(document.size)
        print(localized("docs.get.wrote", ["path": destination.path, "size": size]))
    }

    /// The version asked for: `--version N` of the history, else the current one (which must
    /// not be in conflict: then the user picks).
    static func pick(_ entry: DocumentEntry, version text: String?, store: ReplicaStore, remote: [Change]?) throws
        -> Document
    {
        if let text {
            let versions = try entry.history(store: store, remote: remote)
            guard let number = Int(text), (1...versions.count).contains(number) else {
                throw UsageError(localized("docs.get.version.range", ["count": versions.count]))
            }
            guard let document = versions[number - 1].document else {
                throw CommandFailure(localized("docs.get.version.removed", ["number": number]), status: .dataError)
            }
            return document
        }
        if entry.isConflicted {
            let history = try entry.history(store: store, remote: remote)
            let choices = history.enumerated().filter { $0.element.isCurrent && $0.element.document != nil }.map {
                "--version \($0.offset + 1) (\($0.element.version.user): \($0.element.document!.path))"
            }
            let values: [String: Any] = [
                "id": entry.id, "count": entry.current.count, "choices": choices.joined(separator: ", "),
            ]
            throw CommandFailure(localized("docs.get.conflict", values), status: .dataError)
        }
        return entry.document
    }

    /// Downloads a document's file into the cache, with a progress line on a terminal when
    /// `showsProgress` (not for the browser UI, whose terminal is not the reader's).
    func download(
        _ document: Document, into cache: BlobStore, store: ReplicaStore, proxy: ProxySettings,
        showsProgress: Bool = true
    ) throws {
        let connection = try ServerConnection.open(home: home, store: store, proxy: proxy)
        let url = connection.url
        var downloader = BlobDownloader(api: connection.api, blobs: cache)
        let printer = TransferProgressPrinter(
            direction: "↓", name: document.name, total: document.size,
            enabled: showsProgress && Terminal.errorIsTerminal)
        downloader.progress = printer.update
        do {
            try downloader.download(sha256: document.sha256, size: document.size)
        } catch let error as SyncError {
            switch error {
            case .unreachable:
                throw CommandFailure(
                    localized("docs.get.unreachable", ["error": error, "url": url.absoluteString]),
                    status: error.exitStatus)
            case .refused(404, _, let message):
                throw CommandFailure(
                    localized("docs.get.not.on.server", ["path": document.path, "message": message]),
                    status: error.exitStatus)
            default:
                throw error
            }
        }
    }

    /// `-o` as given (into it when it is a directory), else the safe form of the name here.
    static func destination(_ output: String?, name: String) -> URL {
        let safe = LocalFileName.safe(name)
        guard let output else {
            return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(safe)
        }
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: output)
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue {
            return url.appendingPathComponent(safe)
        }
        return url
    }

    /// Copies the cached file to `destination` as `target` says, hashing it on the way: into the
    /// device opened when `get` began, or next to `destination` and then renamed into place, so
    /// that the output is never partial, and never different from what the document names. Like
    /// `cp`, it is not fsynced: it is the user's copy, and the cache can give it again.
    static func write(
        from source: URL, to destination: URL, as target: OutputTarget, expectedHash: String?, cache: BlobStore
    ) throws {
        if case .device(let output) = target {
            // A device or pipe (`-o /dev/null --force`, a FIFO): written into, never replaced,
            // through the descriptor opened when `get` began.
            try copy(from: source, to: output, expectedHash: expectedHash, cache: cache)
            return
        }
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).renkei-partial")
        let output = try openPartial(partial, for: destination)
        do {
            try copy(from: source, to: output, expectedHash: expectedHash, cache: cache)
            let written = try? output.identity()
            output.close()
            // Still the file written here (not one another run or user put at the partial name).
            guard let written, LocalFile.identity(atPath: partial.path, followingLinks: false) == written else {
                throw refusedPartial(partial, for: destination)
            }
            do {
                if case .replacingFile = target {
                    try LocalFile.rename(partial.path, to: destination.path)
                } else {
                    try LocalFile.renameWithoutReplacing(partial.path, to: destination.path)
                }
            } catch {
                // Something appeared at the output during the download: left as it is.
                if error.isLinkOrTaken {
                    throw CommandFailure(localized("docs.get.exists", ["path": destination.path]), status: .failure)
                }
                throw TransferError.localFile(errno: error.code)
            }
        } catch {
            output.close()
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Creates the partial file beside `destination` as a new regular file: never through a
    /// symbolic link (someone who can write the directory, e.g. `/tmp`, could plant one there
    /// to make `docs get` write elsewhere) and never into a file that appeared meanwhile
    /// (`LocalFile.createNew`). A regular partial file left by an interrupted run is removed
    /// first (it is only ever a copy of the cache); a symbolic link is refused.
    static func openPartial(_ partial: URL, for destination: URL) throws -> LocalFile {
        if let kind = LocalFile.kind(atPath: partial.path, followingLinks: false) {
            guard kind == .regular else { throw refusedPartial(partial, for: destination) }
            LocalFile.remove(partial.path)
        }
        do {
            return try LocalFile.createNew(partial.path, permissions: 0o644)
        } catch {
            if error.isLinkOrTaken { throw refusedPartial(partial, for: destination) }
            throw cannotWrite(destination.path, error)
        }
    }

    /// The failure to open `path` for writing, with the system's reason.
    static func cannotWrite(_ path: String, _ failure: LocalFile.Failure) -> CommandFailure {
        CommandFailure(
            localized("docs.get.cannot.write", ["path": path, "reason": failure.description]), status: .failure)
    }

    private static func refusedPartial(_ partial: URL, for destination: URL) -> CommandFailure {
        CommandFailure(
            localized("docs.get.partial.refused", ["partial": partial.path, "name": destination.lastPathComponent]),
            status: .failure)
    }

    /// Streams the cached file to `output`, checking it has `expectedHash` when given (nil:
    /// verified moments ago). A damaged cache copy is removed (the next `get` downloads it
    /// again) and reported.
    static func copy(from source: URL, to output: LocalFile, expectedHash: String?, cache: BlobStore) throws {
        let input: LocalFile
        do { input = try LocalFile.openForReading(source.path) } catch {
            throw TransferError.notCached(source.lastPathComponent)
        }
        // Nothing to check: let the kernel copy (no trip through this process's memory).
        if expectedHash == nil, try input.copyAll(to: output) { return }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        do {
            while true {
                let count = try buffer.withUnsafeMutableBytes { raw in try input.read(into: raw) }
                if count == 0 { break }
                try buffer.withUnsafeBytes { raw in
                    let piece = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                    if expectedHash != nil { hasher.update(piece) }
                    try output.writeAll(piece)
                }
            }
        } catch let error as LocalFile.Failure {
            throw TransferError.localFile(errno: error.code)
        }
        if let expectedHash, SHA256.hex(hasher.finalize()) != expectedHash {
            try? cache.remove(expectedHash)
            throw CommandFailure(localized("docs.get.damaged"), status: .dataError)
        }
    }

    // MARK: - verify

    func verify(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let repair = arguments.flag(ClientOptions.repair)
        try arguments.finish()
        let cache = try home.blobCache()
        let pending = Set(try store.pendingBlobs().map(\.sha256))
        let verification = try cache.verifyAll()
        let damaged = verification.damaged
        let good = verification.checked.count - damaged.count
        let bytes = verification.intactBytes
        let missing = pending.filter { cache.size(of: $0) == nil }.sorted()
        var removed: [String] = []
        if repair {
            for hash in damaged where !pending.contains(hash) {
                try cache.remove(hash)
                removed.append(hash)
            }
        }
        if json {
            print(
                JSONValue.object([
                    "verified": .integer(Int64(good)), "bytes": .integer(bytes),
                    "damaged": .array(damaged.map(JSONValue.string)),
                    "missing_for_upload": .array(missing.map(JSONValue.string)),
                    "removed": .array(removed.map(JSONValue.string)),
                ]).canonicalText)
        } else {
            print(localized("docs.verify.done", ["count": good, "size": TransferProgressPrinter.bytes(bytes)]))
            for hash in damaged {
                let fate =
                    removed.contains(hash)
                    ? localized("docs.verify.damaged.removed")
                    : pending.contains(hash)
                        ? localized("docs.verify.damaged.pending") : localized("docs.verify.damaged.repair")
                print(localized("docs.verify.damaged", ["hash": hash, "fate": fate]))
            }
            for hash in missing {
                print(localized("docs.verify.missing", ["hash": hash]))
            }
        }
        if !damaged.isEmpty || !missing.isEmpty {
            throw CommandFailure(
                localized("docs.verify.failed", ["damaged": damaged.count, "missing": missing.count]),
                status: .dataError)
        }
    }
}

extension DocsCommand {
    /// The server's history of a document (`truncated`: it left its oldest versions out), or
    /// nil when no server is known or it cannot be reached quickly (then only the versions this
    /// replica has seen are shown).
    func remoteHistory(of entry: DocumentEntry, store: ReplicaStore, proxy: ProxySettings) -> (
        changes: [Change], truncated: Bool
    )? {
        guard var connection = try? ServerConnection.open(home: home, store: store, proxy: proxy, timeout: 5),
            let key = try? Document.key(id: entry.id)
        else { return nil }
        connection.api.retry = RetryPolicy(delays: [])
        return try? connection.api.history(of: key)
    }
}
