import CommandLineSupport
import Foundation
import Localization
import SyncProtocol
import SyncStorage

/// Where the local replica lives: `--home DIR`, else `$RENKEI_HOME`, else `~/.renkei`.
/// The directory holds `replica.sqlite` (data, outbox, settings), `token` and `blobs/` (the
/// files of documents, by SHA-256). It is private (`PrivateFiles`): created 0700 with its files
/// 0600, and checked each time it is opened: a mode too open is tightened with a warning, and
/// a home this account may not tighten is refused.
struct ReplicaHome {
    let url: URL

    /// Reads `--home` (`ClientOptions.home`, the option every command accepts) from `arguments`.
    init(_ arguments: inout ArgumentList) throws {
        if let path = try arguments.option(ClientOptions.home) {
            // An empty path would make the current directory the replica's home (and tighten
            // its permissions to 0700).
            guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw UsageError(localized("replica.home.empty"))
            }
            url = URL(fileURLWithPath: path).standardizedFileURL
        } else if let path = ProcessInfo.processInfo.environment["RENKEI_HOME"], !path.isEmpty {
            url = URL(fileURLWithPath: path).standardizedFileURL
        } else {
            url = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".renkei")
        }
    }

    var replicaPath: String { url.appendingPathComponent("replica.sqlite").path }
    /// Where texts being edited are kept (`hearing edit`): a failed edit leaves its text here.
    var draftsDirectory: URL { url.appendingPathComponent("drafts") }

    /// The bearer token `renkei login` stored: `token`, readable by its owner only.
    var tokenFile: TokenFile { TokenFile(path: url.appendingPathComponent("token").path) }

    /// The local file cache: documents' contents by SHA-256 (created on first use).
    func blobCache() throws -> BlobStore {
        do {
            return try BlobStore(root: url.appendingPathComponent("blobs"))
        } catch {
            throw CommandFailure(
                localized("replica.cache.failed", ["path": url.path, "error": "\(error)"]), status: .noInput)
        }
    }

    /// The files of a home that must be private, besides the directory itself.
    static let privateFiles = PrivateFiles.databaseFiles("replica.sqlite") + ["token"]
    static let privateDirectories = ["blobs", "blobs/tmp"]

    /// Tightens the modes of the home and its files (`PrivateFiles.secure`), saying so on
    /// standard error. Nothing to do when the home does not exist yet.
    ///
    /// - Throws: `CommandFailure` (exit 77) when other users may read it and this account may
    ///   not change that.
    func secure() throws {
        let fixes: [PrivateFiles.Fix]
        do {
            fixes = try PrivateFiles.secure(
                directory: url, files: Self.privateFiles, directories: Self.privateDirectories)
        } catch {
            throw CommandFailure(error.description, status: .noPermission)
        }
        for fix in fixes { Terminal.printError(localized("replica.warning", ["message": "\(fix)"])) }
    }

    /// Opens the existing replica.
    func open() throws -> ReplicaStore {
        try secure()
        do {
            return try ReplicaStore.open(at: replicaPath)
        } catch let error as StorageError {
            if case .missingReplica = error {
                throw CommandFailure(localized("replica.missing", ["path": url.path]), status: .noInput)
            }
            throw CommandFailure(error.description, status: .noInput)
        }
    }

    /// What `setAside` moved, and where.
    struct SetAside {
        let directory: URL
        /// Changes the old replica had not sent (they stay in it, not lost, but not sent either).
        let unsentChanges: Int64
    }

    /// Moves the replica (its database, file cache and drafts) into `replaced-<time>/` in the
    /// home, so that `init --force` starts afresh without destroying anything; the token stays
    /// (it is the user's, not the replica's). Nil when there is no replica.
    func setAside(now: Date = Date()) throws -> SetAside? {
        guard FileManager.default.fileExists(atPath: replicaPath) else { return nil }
        let unsent = (try? ReplicaStore.open(at: replicaPath).pendingCount()) ?? 0
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Tokyo")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        var directory = url.appendingPathComponent("replaced-\(formatter.string(from: now))")
        var suffix = 1
        while FileManager.default.fileExists(atPath: directory.path) {
            suffix += 1
            directory = url.appendingPathComponent("replaced-\(formatter.string(from: now))-\(suffix)")
        }
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        for name in PrivateFiles.databaseFiles("replica.sqlite") + ["blobs", "drafts"] {
            let item = url.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: item.path) else { continue }
            try FileManager.default.moveItem(at: item, to: directory.appendingPathComponent(name))
        }
        return SetAside(directory: directory, unsentChanges: unsent)
    }

    /// Creates a new replica; refuses to replace an existing one.
    func create() throws -> ReplicaStore {
        if FileManager.default.fileExists(atPath: replicaPath) {
            throw CommandFailure(localized("replica.exists", ["path": url.path]), status: .failure)
        }
        try FileManager.default.createDirectory(
            at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        // A directory made beforehand (e.g. `mkdir`, 0755) is made private before anything is written.
        try secure()
        do {
            return try ReplicaStore.create(at: replicaPath)
        } catch let error as StorageError {
            throw CommandFailure(error.description, status: .noInput)
        }
    }
}
