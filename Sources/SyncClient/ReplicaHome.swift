import CommandLineSupport
import Foundation
import SyncStorage

/// Where the local replica lives: `--home DIR`, else `$RENKEI_HOME`, else `~/.renkei`.
/// The directory holds `replica.sqlite` (data, outbox, settings) and `blobs/` (the files of
/// documents, by SHA-256); it is created with mode 0700.
struct ReplicaHome {
    let url: URL

    /// Reads `--home` from `arguments`.
    init(_ arguments: inout ArgumentList) throws {
        if let path = try arguments.option("--home") {
            url = URL(fileURLWithPath: path).standardizedFileURL
        } else if let path = ProcessInfo.processInfo.environment["RENKEI_HOME"], !path.isEmpty {
            url = URL(fileURLWithPath: path).standardizedFileURL
        } else {
            url = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".renkei")
        }
    }

    var replicaPath: String { url.appendingPathComponent("replica.sqlite").path }

    /// The local file cache: documents' contents by SHA-256 (created on first use).
    func blobCache() throws -> BlobStore {
        do {
            return try BlobStore(root: url.appendingPathComponent("blobs"))
        } catch {
            throw CommandFailure("cannot open the file cache in \(url.path): \(error)", status: .noInput)
        }
    }

    /// Opens the existing replica.
    func open() throws -> ReplicaStore {
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
        do {
            return try ReplicaStore.create(at: replicaPath)
        } catch let error as StorageError {
            throw CommandFailure(error.description, status: .noInput)
        }
    }
}
