import CommandLineSupport
import Foundation
import SyncStorage

/// The server's data directory: `renkei.sqlite` (the database, WAL mode) and `blobs/` (the file
/// store, content-addressed). Created on first use with mode 0700: it holds every municipality's
/// data.
struct ServerDataDirectory {
    /// Where the server keeps its data when `--data` is not given.
    static let defaultPath = "./renkei-data"

    let url: URL

    init(path: String) {
        url = URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Reads `--data DIR` from `arguments`, defaulting to `defaultPath`.
    init(_ arguments: inout ArgumentList) throws {
        self.init(path: try arguments.option("--data") ?? Self.defaultPath)
    }

    /// The database file.
    var databasePath: String { url.appendingPathComponent("renkei.sqlite").path }

    /// The blob store's directory.
    var blobsURL: URL { url.appendingPathComponent("blobs") }

    /// Opens the blob store (creating `blobs/` on first use); call after `openStore`.
    func openBlobStore() throws -> BlobStore {
        do {
            return try BlobStore(root: blobsURL)
        } catch {
            throw CommandFailure("cannot open the file store at \(blobsURL.path): \(error)", status: .noInput)
        }
    }

    /// Creates the directory if needed (0700) and opens the database, creating it on first start.
    func openStore(create: Bool) throws -> ServerStore {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw CommandFailure("\(url.path) is a file, not a data directory", status: .noInput)
        }
        if !exists {
            guard create else {
                throw CommandFailure(
                    "no data directory at \(url.path): run `renkei-server init --data \(url.path)`", status: .noInput)
            }
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard create || FileManager.default.fileExists(atPath: databasePath) else {
            throw CommandFailure(
                "no database in \(url.path): run `renkei-server init --data \(url.path)`", status: .noInput)
        }
        do {
            return try ServerStore(path: databasePath)
        } catch let error as StorageError {
            throw CommandFailure(error.description, status: .noInput)
        }
    }
}
