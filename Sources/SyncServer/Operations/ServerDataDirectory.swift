import CommandLineSupport
import Foundation
import Localization
import SyncStorage

/// The server's data directory: `renkei.sqlite` (the database, WAL mode) and `blobs/` (the file
/// store, content-addressed). It holds every municipality's data and the token hashes, so it is
/// private: the directory, `blobs/` and `damaged/` 0700, the database files 0600
/// (`PrivateFiles`). Created that way on first use; checked each time it is opened: a mode too
/// open is tightened (with a warning on standard error), and a directory this account may not
/// tighten is refused.
struct ServerDataDirectory {
    /// Where the server keeps its data when `--data` is not given.
    static let defaultPath = "./renkei-data"

    let url: URL

    init(path: String) {
        url = URL(fileURLWithPath: path).standardizedFileURL
    }

    /// Reads `--data DIR` from `arguments`, defaulting to `defaultPath`.
    init(_ arguments: inout ArgumentList) throws {
        self.init(path: try arguments.option(ServerOptions.data) ?? Self.defaultPath)
    }

    /// The database file.
    var databasePath: String { url.appendingPathComponent("renkei.sqlite").path }

    /// The blob store's directory.
    var blobsURL: URL { url.appendingPathComponent("blobs") }

    /// Where `admin verify-blobs --quarantine` moves damaged files (created on first use, 0700).
    var damagedURL: URL { url.appendingPathComponent("damaged") }

    /// The files of a data directory that must be private, besides the directory itself.
    static let privateFiles = PrivateFiles.databaseFiles("renkei.sqlite") + [".serve.lock"]
    /// `damaged/` holds the bytes of files moved aside by `admin verify-blobs --quarantine`.
    static let privateDirectories = ["blobs", "blobs/tmp", "damaged"]

    /// Tightens the modes of the data directory at `url` (`PrivateFiles.secure`) and logs each
    /// change as a warning.
    ///
    /// - Throws: `CommandFailure` (exit 77) when other users may read it and this account may
    ///   not change that.
    static func secure(_ url: URL, logger: Logger) throws {
        let fixes: [PrivateFiles.Fix]
        do {
            fixes = try PrivateFiles.secure(directory: url, files: privateFiles, directories: privateDirectories)
        } catch {
            throw CommandFailure(error.description, status: .noPermission)
        }
        for fix in fixes {
            logger.log(
                .warning, "permissions tightened: other users could read the data",
                [
                    ("path", fix.path), ("was", PrivateFiles.octal(fix.was)), ("now", PrivateFiles.octal(fix.now)),
                ])
        }
    }

    /// Opens the blob store (creating `blobs/` on first use); call after `openStore`.
    func openBlobStore() throws -> BlobStore {
        do {
            return try BlobStore(root: blobsURL)
        } catch {
            throw CommandFailure(
                localized("server.data.file.store.unopenable", ["path": blobsURL.path, "error": error]),
                status: .noInput)
        }
    }

    /// Creates the directory if needed (0700) and opens the database, creating it on first start.
    func openStore(create: Bool) throws -> ServerStore {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw CommandFailure(localized("server.data.is.file", ["path": url.path]), status: .noInput)
        }
        if !exists {
            guard create else {
                throw CommandFailure(localized("server.data.missing", ["path": url.path]), status: .noInput)
            }
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard create || FileManager.default.fileExists(atPath: databasePath) else {
            throw CommandFailure(localized("server.data.no.database", ["path": url.path]), status: .noInput)
        }
        try Self.secure(url, logger: Logger())
        do {
            return try ServerStore(path: databasePath)
        } catch let error as StorageError {
            throw CommandFailure(error.description, status: .noInput)
        }
    }
}
