import CommandLineSupport
import Foundation
import Glibc
import Localization
import Models

/// A file holding one bearer token on its first line, readable by its owner only: a replica's
/// `token` (written by `renkei login`), a file given to `renkei login --token-file`, or the
/// token `renkei-server federate --token-file` presents upstream. The one reader of tokens
/// from files: a file that others can read is refused (the token in it may have been seen),
/// and so is one that does not hold a token of the form `Token` describes.
public struct TokenFile: Sendable {
    public let path: String
    /// Largest file read, in bytes (a token is 67).
    public static let maxBytes = 4096

    public init(path: String) {
        self.path = path
    }

    /// The token in the file.
    public func read() throws(TokenFileError) -> Token {
        guard let token = try readIfPresent() else {
            throw .unreadable(path: path, reason: String(cString: strerror(ENOENT)))
        }
        return token
    }

    /// The token in the file, or nil when there is no file.
    public func readIfPresent() throws(TokenFileError) -> Token? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notRegular(path: path) }
        guard info.st_mode & 0o077 == 0 else { throw .readableByOthers(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: Self.maxBytes)) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        let line = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        guard let token = Token(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw .malformed(path: path)
        }
        return token
    }

    /// Writes the token so that only the owner can read it (0600, set before any byte is
    /// written), replacing the file atomically.
    public func write(_ token: Token) throws(TokenFileError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.token.tmp"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unwritable(path: path, reason: String(cString: strerror(errno))) }
        let bytes = Array((token.text + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .unwritable(path: path, reason: localized("token.file.write.incomplete"))
        }
    }
}

/// Why a token file cannot be used.
public enum TokenFileError: Error, HasExitStatus, Sendable {
    case unreadable(path: String, reason: String)
    case notRegular(path: String)
    /// Other users may read the file, so the token in it may have been seen.
    case readableByOthers(path: String)
    /// The first line is not a token.
    case malformed(path: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return localized("token.file.unreadable", ["path": path, "reason": reason])
        case .notRegular(let path): return localized("token.file.not.regular", ["path": path])
        case .readableByOthers(let path): return localized("token.file.readable.by.others", ["path": path])
        case .malformed(let path): return localized("token.file.malformed", ["path": path])
        case .unwritable(let path, let reason):
            return localized("token.file.unwritable", ["path": path, "reason": reason])
        }
    }

    /// 66 for a file that cannot be used, 65 for one that holds no token, 1 for a failed write.
    public var exitStatus: Terminal.ExitStatus {
        switch self {
        case .unreadable, .notRegular, .readableByOthers: return .noInput
        case .malformed: return .dataError
        case .unwritable: return .failure
        }
    }
}
