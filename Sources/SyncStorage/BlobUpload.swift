import Foundation
import Glibc

/// A blob arriving in pieces over several requests (a resumable upload). Its bytes live in
/// `<root>/tmp/upload-<id>` until the last piece; only `durableOffset` bytes count: on reopening,
/// anything past it (written but never acknowledged) is cut off, and the hash state is rebuilt
/// from the bytes on disk.
///
/// Not thread-safe: one request writes to an upload at a time (the server's registry hands it
/// out exclusively); `Sendable` so that it can be handed from one connection thread to the next.
public final class BlobUpload: @unchecked Sendable {
    public let id: String
    public let expectedHash: String
    public let expectedSize: Int64
    private let store: BlobStore
    private let url: URL
    private let descriptor: Int32
    /// Writes the bytes to the file, past the page cache where the file system allows.
    private let appender: DirectAppender
    private var hasher: SHA256
    /// Bytes written so far (durable only after `sync()`).
    public private(set) var offset: Int64
    /// An append failed part way: the file may hold some of its bytes past `offset`, so this
    /// object must not be used again; `sync()` refuses, and whoever holds it reopens the upload
    /// from its recorded offset (which cuts the file back to it).
    private var failedAppend: Int32?
    /// `offset` at the last `sync()` (nil before the first: the cut made on opening is not
    /// durable yet). A body's end is synced by its checkpoint and again by `complete()`: the
    /// second finds nothing new and asks the disk for nothing.
    private var syncedOffset: Int64?

    /// Opens (or starts) the upload `id`, keeping exactly `durableOffset` bytes.
    public init(store: BlobStore, id: String, expectedHash: String, expectedSize: Int64, durableOffset: Int64) throws {
        precondition(BlobStore.isValidHash(expectedHash), "uploads are named by the hash they announce")
        guard id.utf8.count <= 64,
            id.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || $0 == 0x2D })
        else {
            throw BlobError.cannotWrite(errno: EINVAL)
        }
        self.id = id
        self.expectedHash = expectedHash
        self.expectedSize = expectedSize
        self.store = store
        let url = store.root.appendingPathComponent("tmp").appendingPathComponent("upload-\(id)")
        let file = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard file >= 0 else { throw BlobError.cannotWrite(errno: errno) }
        // Keep exactly what was acknowledged, then rebuild the hash over it.
        var rebuilt = SHA256()
        do {
            guard ftruncate(file, off_t(durableOffset)) == 0, lseek(file, 0, SEEK_SET) == 0 else {
                throw BlobError.cannotWrite(errno: errno)
            }
            // Only a resumed upload reads back; a new one (every first piece) allocates nothing:
            // a zeroed 1 MiB buffer per upload was 1.4% of all CPU samples in the
            // 43-municipality burst, all of it the kernel handing out fresh pages.
            var buffer = [UInt8](repeating: 0, count: durableOffset > 0 ? Self.rebuildBufferBytes : 0)
            var read: Int64 = 0
            while read < durableOffset {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw BlobError.cannotWrite(errno: count < 0 ? errno : EIO) }
                buffer.withUnsafeBytes { rebuilt.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                read += Int64(count)
            }
            appender = try DirectAppender(descriptor: file, size: durableOffset)
        } catch {
            close(file)
            throw error
        }
        self.url = url
        descriptor = file
        hasher = rebuilt
        offset = durableOffset
    }

    /// Bytes read at a time when a resumed upload rebuilds its hash from the file.
    static let rebuildBufferBytes = 1 << 20

    deinit {
        close(descriptor)
    }

    /// Appends a piece. More bytes than announced are refused (`BlobError.tooLarge`).
    public func append(_ bytes: [UInt8]) throws {
        if let failedAppend { throw BlobError.cannotWrite(errno: failedAppend) }
        guard offset + Int64(bytes.count) <= expectedSize else { throw BlobError.tooLarge(limit: expectedSize) }
        do {
            try bytes.withUnsafeBytes { try appender.append($0) }
        } catch {
            if case .cannotWrite(let code) = error as? BlobError { failedAppend = code } else { failedAppend = EIO }
            throw error
        }
        bytes.withUnsafeBytes { hasher.update($0) }
        offset += Int64(bytes.count)
    }

    /// Makes the bytes so far durable; returns the offset that may now be acknowledged.
    public func sync() throws -> Int64 {
        if let failedAppend { throw BlobError.cannotWrite(errno: failedAppend) }
        guard syncedOffset != offset else { return offset }
        try appender.flush()
        guard fsync(descriptor) == 0 else { throw BlobError.cannotWrite(errno: errno) }
        syncedOffset = offset
        return offset
    }

    /// When every byte is here: checks hash and size and makes the blob visible. A mismatch
    /// discards the upload and throws `BlobError.mismatch`.
    public func complete() throws -> String {
        let digest = SHA256.hex(hasher.finalizeCopy())
        _ = try sync()
        // The hash is of the bytes as they arrived; the file must also hold exactly that many
        // (nothing of a padded block left past them, nothing cut short).
        var status = stat()
        let onDisk: Int64 = fstat(descriptor, &status) == 0 ? Int64(status.st_size) : -1
        guard digest == expectedHash, offset == expectedSize, onDisk == expectedSize else {
            discard()
            throw BlobError.mismatch(
                expectedHash: expectedHash, actualHash: digest, expectedSize: expectedSize, actualSize: onDisk)
        }
        try store.install(temporary: url, hash: digest)
        return digest
    }

    /// Removes the partial bytes (an expired or failed upload).
    public func discard() {
        try? FileManager.default.removeItem(at: url)
    }
}
