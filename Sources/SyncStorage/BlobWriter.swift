import Foundation
import Glibc

/// Writes one blob: bytes are appended to a temporary file and hashed as they arrive; `finish`
/// fsyncs, checks the hash and size, and moves the file into the store. Until then nothing is
/// visible. Not thread-safe: one writer per upload.
public final class BlobWriter {
    private let store: BlobStore
    private let temporary: URL
    private let descriptor: Int32
    private var hasher = SHA256()
    private var finished = false
    /// Bytes appended so far.
    public private(set) var size: Int64 = 0

    public init(store: BlobStore) throws {
        self.store = store
        temporary = store.root.appendingPathComponent("tmp").appendingPathComponent(UUID().uuidString)
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw BlobError.cannotWrite(errno: errno) }
    }

    deinit {
        close(descriptor)
        if !finished { try? FileManager.default.removeItem(at: temporary) }
    }

    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw BlobError.cannotWrite(errno: errno)
            }
            offset += written
        }
        hasher.update(bytes)
        size += Int64(bytes.count)
    }

    /// Makes the blob durable and visible under its hash. With `expectedHash`/`expectedSize`,
    /// a mismatch discards the bytes and throws `BlobError.mismatch`.
    public func finish(expectedHash: String?, expectedSize: Int64?) throws -> (hash: String, size: Int64) {
        precondition(!finished, "a blob is finished once")
        finished = true
        let digest = SHA256.hex(hasher.finalizeCopy())
        if (expectedHash.map { $0 != digest } ?? false) || (expectedSize.map { $0 != size } ?? false) {
            try? FileManager.default.removeItem(at: temporary)
            throw BlobError.mismatch(
                expectedHash: expectedHash ?? digest, actualHash: digest, expectedSize: expectedSize ?? size,
                actualSize: size)
        }
        guard fsync(descriptor) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw BlobError.cannotWrite(errno: errno)
        }
        do {
            try store.install(temporary: temporary, hash: digest)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return (digest, size)
    }
}
