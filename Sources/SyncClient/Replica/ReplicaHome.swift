import CommandLineSupport
import Foundation
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
                throw UsageError("--home needs a directory (an empty path would use the current directory)")
            }
            url = URL(fileURLWithPath: path).standardizedFileURL
        } else if let path = ProcessInfo.processInfo.environment["RENKEI_HOME"], !path.isEmpty {
            url = URL(fileURLWithPath: path).standardizedFileURL
        } else {
            url = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".renkei")
        }
    }

    var replicaPath: String { url.appendingPathComponent("replica.sqlite").path }

    /// The bearer token `renkei login` stored: `token`, readable by its owner only.
    var tokenFile: TokenFile { TokenFile(path: url.appendingPathComponent("token").path) }

    /// The local file cache: documents' contents by SHA-256 (created on first use).
    func blobCache() throws -> BlobStore {
        do {
            return try BlobStore(root: url.appendingPathComponent("blobs"))
        } catch {
            throw CommandFailure("cannot open the file cache in \(url.path): \(error)", status: .noInput)
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
        for fix in fixes { Terminal.printError("Warning: \(fix)") }
    }

    /// Opens the existing replica.
    func open() throws -> ReplicaStore {
        try secure()
        do {
            return try ReplicaStore.open(at: replicaPath)
        } catch let error as StorageError {
            if case .missingReplica = error {
                throw CommandFailure(
                    "no replica in \(url.path): run `renkei init --scope CODE --user NAME` first", status: .noInput)
            }
            throw CommandFailure(error.description, status: .noInput)
        }
    }

    /// Creates a new replica; refuses to replace an existing one.
    func create() throws -> ReplicaStore {
        if FileManager.default.fileExists(atPath: replicaPath) {
            throw CommandFailure(
                "a replica already exists in \(url.path); its data would be lost, so it is kept", status: .failure)
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
