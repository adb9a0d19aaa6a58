import CommandLineSupport
import Foundation
import Glibc
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
        let proxy = try ProxySettings.resolve(&arguments)
        let reference = try arguments.positional("ID|PATH")
        try arguments.finish()

        let entry = try DocumentEntry.find(reference, store: store)
        // Version numbers are those `docs history` shows: the same sources, in the same order.
        let needsHistory = versionText != nil || entry.isConflicted
        let remote = needsHistory ? remoteHistory(of: entry, store: store, proxy: proxy) : nil
        let document = try Self.pick(entry, version: versionText, store: store, remote: remote)
        let cache = try home.blobCache()
        // A file just downloaded was hashed on arrival; one cached earlier is checked as it is copied.
        let downloaded = cache.size(of: document.sha256) != document.size
        if downloaded { try download(document, into: cache, store: store, proxy: proxy) }
        let check = downloaded ? nil : document.sha256
        let source = cache.url(for: document.sha256)
        if output == "-" {
            try Self.copy(from: source, toDescriptor: STDOUT_FILENO, expectedHash: check, cache: cache)
            return
        }
        let destination = Self.destination(output, name: document.name)
        if FileManager.default.fileExists(atPath: destination.path) && !force {
            throw CommandFailure(localized("docs.get.exists", ["path": destination.path]), status: .failure)
        }
        try Self.write(from: source, to: destination, expectedHash: check, cache: cache)
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

    /// Downloads a document's file into the cache, with a progress line on a terminal.
    private func download(_ document: Document, into cache: BlobStore, store: ReplicaStore, proxy: ProxySettings)
        throws
    {
        let connection = try ServerConnection.open(home: home, store: store, proxy: proxy)
        let url = connection.url
        var downloader = BlobDownloader(api: connection.api, blobs: cache)
        let printer = TransferProgressPrinter(direction: "↓", name: document.name, total: document.size)
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

    /// Copies the cached file next to `destination`, hashing it on the way, then renames it into
    /// place: the output is never partial, and never different from what the document names.
    /// Like `cp`, it is not fsynced: it is the user's copy, and the cache can give it again.
    static func write(from source: URL, to destination: URL, expectedHash: String?, cache: BlobStore) throws {
        var info = stat()
        if stat(destination.path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            // A device or pipe (`-o /dev/null`, a FIFO): written into, never replaced.
            let output = open(destination.path, O_WRONLY | O_CLOEXEC)
            guard output >= 0 else { throw cannotWrite(destination) }
            defer { close(output) }
            try copy(from: source, toDescriptor: output, expectedHash: expectedHash, cache: cache)
            return
        }
        let partial = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).renkei-partial")
        let output = try openPartial(partial, for: destination)
        do {
            try copy(from: source, toDescriptor: output, expectedHash: expectedHash, cache: cache)
            close(output)
            guard rename(partial.path, destination.path) == 0 else { throw TransferError.localFile(errno: errno) }
        } catch {
            close(output)
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Creates the partial file beside `destination` as a new regular file: never through a
    /// symbolic link (someone who can write the directory, e.g. `/tmp`, could plant one there
    /// to make `docs get` write elsewhere) and never into a file that appeared meanwhile
    /// (`O_NOFOLLOW | O_EXCL`). A regular partial file left by an interrupted run is removed
    /// first (it is only ever a copy of the cache); a symbolic link is refused.
    static func openPartial(_ partial: URL, for destination: URL) throws -> Int32 {
        var info = stat()
        if lstat(partial.path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw refusedPartial(partial, for: destination) }
            unlink(partial.path)
        }
        let output = open(partial.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard output >= 0 else {
            if errno == ELOOP || errno == EEXIST { throw refusedPartial(partial, for: destination) }
            throw cannotWrite(destination)
        }
        return output
    }

    /// The failure to open `destination` for writing, with the reason `errno` gives.
    private static func cannotWrite(_ destination: URL) -> CommandFailure {
        let reason = String(cString: strerror(errno))
        return CommandFailure(
            localized("docs.get.cannot.write", ["path": destination.path, "reason": reason]), status: .failure)
    }

    private static func refusedPartial(_ partial: URL, for destination: URL) -> CommandFailure {
        CommandFailure(
            localized("docs.get.partial.refused", ["partial": partial.path, "name": destination.lastPathComponent]),
            status: .failure)
    }

    /// Streams the cached file to `descriptor`, checking it has `expectedHash` when given (nil:
    /// verified moments ago). A damaged cache copy is removed (the next `get` downloads it
    /// again) and reported.
    static func copy(from source: URL, toDescriptor output: Int32, expectedHash: String?, cache: BlobStore) throws {
        let input = open(source.path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw TransferError.notCached(source.lastPathComponent) }
        defer { close(input) }
        // Nothing to check: let the kernel copy (no trip through this process's memory).
        if expectedHash == nil, try KernelCopy.copyAll(from: input, to: output) { return }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw TransferError.localFile(errno: errno) }
            if count == 0 { break }
            try buffer.withUnsafeBytes { raw in
                let piece = UnsafeRawBufferPointer(rebasing: raw[0..<count])
                if expectedHash != nil { hasher.update(piece) }
                var done = 0
                while done < count {
                    let wrote = Glibc.write(output, piece.baseAddress! + done, count - done)
                    if wrote < 0 && errno == EINTR { continue }
                    guard wrote > 0 else { throw TransferError.localFile(errno: errno) }
                    done += wrote
                }
            }
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
    /// The server's full history of a document, or nil when no server is known or it cannot be
    /// reached quickly (then only the versions this replica has seen are shown).
    func remoteHistory(of entry: DocumentEntry, store: ReplicaStore, proxy: ProxySettings) -> [Change]? {
        guard var connection = try? ServerConnection.open(home: home, store: store, proxy: proxy, timeout: 5),
            let key = try? Document.key(id: entry.id)
        else { return nil }
        connection.api.retry = RetryPolicy(delays: [])
        return try? connection.api.history(of: key).changes
    }
}
