import Foundation
import Glibc
import Localization

/// Content-addressed files: each blob is stored once, under its SHA-256 only
/// (`<root>/ab/cd/abcd…`), so a name a user gave a document never reaches the filesystem.
///
/// Writes are crash-safe: bytes go to `<root>/tmp/`, are fsynced, renamed into place, and the
/// directory is fsynced; a blob is visible only once complete and verified. A crash leaves at
/// most a temporary file, never a partial blob.
public final class BlobStore: Sendable {
    /// The directory holding the blobs.
    public let root: URL

    public init(root: URL) throws {
        self.root = root
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("tmp"), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
    }

    /// Whether `hash` is 64 lowercase hexadecimal digits (the only names blobs have).
    public static func isValidHash(_ hash: String) -> Bool {
        hash.utf8.count == 64 && hash.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    /// Where the blob `hash` lives (whether or not it exists).
    public func url(for hash: String) -> URL {
        precondition(Self.isValidHash(hash), "blob names are SHA-256 hashes")
        let bytes = Array(hash)
        return root.appendingPathComponent(String(bytes[0..<2])).appendingPathComponent(String(bytes[2..<4]))
            .appendingPathComponent(hash)
    }

    /// The size in bytes of a stored blob, or nil when it is not here.
    public func size(of hash: String) -> Int64? {
        guard Self.isValidHash(hash),
            let attributes = try? FileManager.default.attributesOfItem(atPath: url(for: hash).path),
            let size = attributes[.size] as? NSNumber
        else { return nil }
        return size.int64Value
    }

    /// Copies a file into the store while hashing it; returns its hash and size. A blob that is
    /// already here is not written twice.
    public func ingest(fileAt path: String) throws -> (hash: String, size: Int64) {
        let writer = try BlobWriter(store: self)
        try Self.read(path) { try writer.append($0) }
        return try writer.finish(expectedHash: nil, expectedSize: nil)
    }

    /// Hands the file's bytes to `body` in pieces of at most 1 MiB, in order.
    private static func read(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw BlobError.cannotRead(path: path, errno: errno) }
        defer { close(input) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw BlobError.cannotRead(path: path, errno: errno)
            }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }

    /// Where unfinished files wait (uploads on the server, downloads on a client).
    public var temporaryDirectory: URL { root.appendingPathComponent("tmp") }

    /// Every stored blob's hash (files under `ab/cd/` named by a valid hash), sorted.
    public func storedHashes() throws -> [String] {
        var hashes: [String] = []
        let manager = FileManager.default
        for first in try manager.contentsOfDirectory(atPath: root.path) where first.utf8.count == 2 {
            let level1 = root.appendingPathComponent(first)
            for second in (try? manager.contentsOfDirectory(atPath: level1.path)) ?? [] where second.utf8.count == 2 {
                let level2 = level1.appendingPathComponent(second)
                for name in (try? manager.contentsOfDirectory(atPath: level2.path)) ?? []
                where Self.isValidHash(name) && name.hasPrefix(first + second) {
                    hashes.append(name)
                }
            }
        }
        return hashes.sorted()
    }

    /// Reads a stored blob again and returns the SHA-256 of what is on disk (nil when missing):
    /// a value other than `hash` means the file was damaged.
    public func rehash(_ hash: String) throws -> String? {
        let path = url(for: hash).path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try Self.hashFile(atPath: path).hash
    }

    /// What reading every stored blob again found.
    public struct Verification: Sendable {
        /// Every stored blob's hash, sorted.
        public var checked: [String] = []
        /// Blobs whose bytes no longer have their hash.
        public var damaged: [String] = []
        /// Bytes of all checked blobs, and of the intact ones.
        public var bytes: Int64 = 0
        public var intactBytes: Int64 = 0
    }

    /// Rehashes every stored blob; `progress` hears (done, total) before each one.
    public func verifyAll(progress: (Int, Int) -> Void = { _, _ in }) throws -> Verification {
        var result = Verification()
        result.checked = try storedHashes()
        for (index, hash) in result.checked.enumerated() {
            progress(index, result.checked.count)
            let size = self.size(of: hash) ?? 0
            result.bytes += size
            if try rehash(hash) == hash { result.intactBytes += size } else { result.damaged.append(hash) }
        }
        return result
    }

    /// Deletes a stored blob (garbage collection, or a damaged copy a client will download again).
    public func remove(_ hash: String) throws {
        let destination = url(for: hash)
        guard FileManager.default.fileExists(atPath: destination.path) else { return }
        try FileManager.default.removeItem(at: destination)
        try Self.syncDirectory(destination.deletingLastPathComponent())
    }

    /// Moves a stored blob out of the store into `directory` (created private, 0700), keeping its
    /// name, and returns where it went: a damaged copy is kept for a look, and the store no
    /// longer has the file, so the next upload of it is taken and stored again.
    public func quarantine(_ hash: String, into directory: URL) throws -> URL {
        guard Self.isValidHash(hash) else { throw BlobError.cannotWrite(errno: EINVAL) }
        if mkdir(directory.path, PrivateFiles.directoryMode) != 0 && errno != EEXIST {
            throw BlobError.cannotWrite(errno: errno)
        }
        let source = url(for: hash)
        let destination = directory.appendingPathComponent(hash)
        guard rename(source.path, destination.path) == 0 else { throw BlobError.cannotWrite(errno: errno) }
        try Self.syncDirectory(directory)
        try Self.syncDirectory(source.deletingLastPathComponent())
        return destination
    }

    /// Takes a complete file (a finished download in `temporaryDirectory`) into the store when its
    /// content has `expectedHash`; otherwise deletes it and throws `BlobError.mismatch`.
    ///
    /// - Parameter durably: fsync the file and directory first. A client's cache of downloaded
    ///   files may skip it: every read of a cached file checks its hash, and a copy a crash
    ///   damaged is downloaded again, so the cache never serves wrong bytes either way.
    public func adopt(fileAt file: URL, expectedHash: String, durably: Bool = true) throws {
        let (hash, size) = try Self.hashFile(atPath: file.path)
        guard hash == expectedHash else {
            try? FileManager.default.removeItem(at: file)
            throw BlobError.mismatch(expectedHash: expectedHash, actualHash: hash, expectedSize: size, actualSize: size)
        }
        if durably {
            let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw BlobError.cannotRead(path: file.path, errno: errno) }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw BlobError.cannotWrite(errno: errno) }
        }
        try install(temporary: file, hash: hash, durably: durably)
    }

    /// Takes a complete file whose SHA-256 the caller computed while writing it (a download
    /// hashed piece by piece) into the store under that hash, without reading it again. It
    /// replaces a file already stored under that hash: the caller downloads because that one is
    /// missing or damaged (its size differs), and the verified file is right either way.
    public func install(verifiedFile file: URL, hash: String, durably: Bool) throws {
        precondition(Self.isValidHash(hash), "blob names are SHA-256 hashes")
        try install(temporary: file, hash: hash, durably: durably, replacing: true)
    }

    /// SHA-256 and size of a file, read in 1 MiB pieces.
    public static func hashFile(atPath path: String) throws -> (hash: String, size: Int64) {
        var hasher = SHA256()
        var size: Int64 = 0
        try read(path) { piece in
            hasher.update(piece)
            size += Int64(piece.count)
        }
        return (SHA256.hex(hasher.finalize()), size)
    }

    /// Moves a complete, verified temporary file into place (or, unless `replacing`, drops it
    /// when the blob exists).
    func install(temporary: URL, hash: String, durably: Bool = true, replacing: Bool = false) throws {
        let destination = url(for: hash)
        if !replacing && FileManager.default.fileExists(atPath: destination.path) {
            try? FileManager.default.removeItem(at: temporary)
            return
        }
        let directory = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard rename(temporary.path, destination.path) == 0 else { throw BlobError.cannotWrite(errno: errno) }
        if durably { try Self.syncDirectory(directory) }
    }

    static func syncDirectory(_ directory: URL) throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BlobError.cannotWrite(errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BlobError.cannotWrite(errno: errno) }
    }
}

/// Why a blob could not be stored.
public enum BlobError: Error, Equatable, CustomStringConvertible {
    case cannotRead(path: String, errno: Int32)
    case cannotWrite(errno: Int32)
    /// More bytes than the upload announced.
    case tooLarge(limit: Int64)
    /// The bytes do not have the announced hash or size: they were discarded.
    case mismatch(expectedHash: String, actualHash: String, expectedSize: Int64, actualSize: Int64)

    /// In the language of the process.
    public var description: String { description(in: Language.current) }

    /// The description in `language` (the server's error bodies are English).
    public func description(in language: Language) -> String {
        switch self {
        case .cannotRead(let path, let code):
            let values: [String: Any] = ["path": path, "reason": String(cString: strerror(code))]
            return localized("storage.blob.cannot.read", values, in: language)
        case .cannotWrite(let code):
            return localized("storage.blob.cannot.write", ["reason": String(cString: strerror(code))], in: language)
        case .tooLarge(let limit): return localized("storage.blob.too.large", ["limit": limit], in: language)
        case .mismatch(let expectedHash, let actualHash, let expectedSize, let actualSize):
            let values: [String: Any] = [
                "actual.size": actualSize, "actual.hash": actualHash.prefix(12), "expected.size": expectedSize,
                "expected.hash": expectedHash.prefix(12),
            ]
            return localized("storage.blob.mismatch", values, in: language)
        }
    }

    /// Whether the disk (or a quota) is full.
    public var isDiskFull: Bool {
        if case .cannotWrite(let code) = self { return code == ENOSPC || code == EDQUOT }
        return false
    }
}
