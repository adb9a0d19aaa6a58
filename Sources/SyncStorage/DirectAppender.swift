import Glibc
import Synchronization

/// Appends to an open file through direct I/O (`O_DIRECT`): the bytes go from an aligned
/// staging buffer to the disk without being copied into the page cache. A server receiving 43
/// uploads at once spent a fifth of all its CPU in the kernel copying them into fresh page-cache
/// pages (`renkei-bench load`); a file being uploaded is read again only once it is complete,
/// if ever, so caching it on the way in buys nothing.
///
/// Direct I/O writes whole blocks from block-aligned memory at block-aligned offsets. Bytes
/// collect in `staging` (`stagingBytes`, allocated only while bytes wait in it) and go out a
/// full buffer at a time; `flush` writes what waits, its last block padded with zeros, and
/// cuts the file back to `size`. The partial last block is kept in `tail` and written again,
/// completed, by the next flush. Where the file system has no direct I/O (some network file
/// systems, older tmpfs: `fcntl` or the first write answers `EINVAL`), or once the process holds
/// `maxStagingBuffers` already, appends are ordinary writes from then on.
///
/// Invariants: the file holds every byte below `stagingStart`, and all of them while `staging`
/// is nil; `size == stagingStart + staged`; with direct I/O `stagingStart` is a multiple of
/// `blockBytes`, without it `staged` is 0. Not thread-safe: its owner (`BlobUpload`) is used by
/// one request at a time.
final class DirectAppender {
    /// Alignment of offsets, lengths and memory for direct I/O, in bytes: the largest logical
    /// block size of common disks (512-byte disks accept it too).
    static let blockBytes = 4_096
    /// Bytes written to the disk at once. 64 KiB uploaded one 512 MiB file 23-27% slower
    /// (`renkei-bench files`, alternating runs) and 43 uploads at once no faster.
    static let stagingBytes = 256 * 1_024
    /// Staging buffers the process holds at most (16 MiB): past them an upload writes the
    /// ordinary way, so 500 slow uploads at once cannot hold 125 MiB of buffers. 43 at once fit.
    static let maxStagingBuffers = 64
    /// Staging buffers allocated now, in all appenders of the process.
    private static let buffersInUse = Atomic<Int>(0)

    private let descriptor: Int32
    /// Whether writes go through direct I/O (false: the file system has none).
    private(set) var isDirect: Bool
    /// Where the bytes not yet written collect (nil while none wait), `stagingBytes` long.
    private var staging: UnsafeMutableRawPointer?
    /// File offset of the first byte in `staging` (a multiple of `blockBytes`); without direct
    /// I/O, the file's length.
    private var stagingStart: Int64
    /// Bytes waiting in `staging`, or in `tail` while `staging` is nil.
    private var staged = 0
    /// The partial last block as last flushed (fewer than `blockBytes` bytes), while `staging`
    /// is released.
    private var tail: [UInt8] = []

    /// Bytes appended so far (the file's length once flushed).
    var size: Int64 { stagingStart + Int64(staged) }

    /// Takes over `descriptor`, an open file of exactly `size` bytes (not closed here), and
    /// turns direct I/O on for it where the file system allows (and `allowingDirect`: false
    /// writes the ordinary way everywhere, as where the file system has no direct I/O).
    init(descriptor: Int32, size: Int64, allowingDirect: Bool = true) throws {
        self.descriptor = descriptor
        let start = size - size % Int64(Self.blockBytes)
        stagingStart = start
        // The partial last block, read before direct I/O is on (it needs aligned memory).
        var partial = [UInt8](repeating: 0, count: Int(size - start))
        let read = partial.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
        guard read == partial.count else { throw BlobError.cannotWrite(errno: read < 0 ? errno : EIO) }
        let flags = fcntl(descriptor, F_GETFL)
        isDirect =
            allowingDirect
            && (Self.directFlag.map { flags >= 0 && fcntl(descriptor, F_SETFL, flags | $0) == 0 } ?? false)
        if isDirect {
            tail = partial
            staged = partial.count
        } else {
            stagingStart = size
        }
    }

    /// Linux's `O_DIRECT`, which Glibc's module leaves out (it is behind `_GNU_SOURCE`); its
    /// value differs between architectures (nil: one not listed, where writes stay ordinary).
    private static let directFlag: Int32? = {
        #if arch(x86_64) || arch(i386)
            return 0o40000
        #elseif arch(arm64) || arch(arm)
            return 0o200000
        #else
            return nil
        #endif
    }()

    deinit {
        releaseStaging()
    }

    /// Appends `bytes` (written to the disk a staging buffer at a time; durable only after
    /// `flush` and an `fsync`).
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        guard isDirect else { return try writeBuffered(bytes) }
        var taken = 0
        while taken < bytes.count {
            guard let buffer = stagingBuffer() else {
                // Every staging buffer of the process is in use: the ordinary way from here on.
                try fallBackToBuffered()
                return try writeBuffered(UnsafeRawBufferPointer(rebasing: bytes[taken...]))
            }
            let count = min(bytes.count - taken, Self.stagingBytes - staged)
            (buffer + staged).copyMemory(from: bytes.baseAddress! + taken, byteCount: count)
            staged += count
            taken += count
            if staged == Self.stagingBytes {
                guard try writeStaged(length: Self.stagingBytes) else {
                    return try writeBuffered(UnsafeRawBufferPointer(rebasing: bytes[taken...]))
                }
                stagingStart += Int64(Self.stagingBytes)
                staged = 0
            }
        }
    }

    /// Writes every byte appended so far to the file and cuts it to `size`; the staging buffer
    /// is released (an upload waiting for its next request holds at most one partial block).
    /// Without a staging buffer every byte is in the file already.
    func flush() throws {
        guard isDirect, let buffer = staging else { return }
        let padded = (staged + Self.blockBytes - 1) / Self.blockBytes * Self.blockBytes
        if padded > 0 {
            (buffer + staged).initializeMemory(as: UInt8.self, repeating: 0, count: padded - staged)
            guard try writeStaged(length: padded) else { return }
            guard ftruncate(descriptor, off_t(size)) == 0 else { throw BlobError.cannotWrite(errno: errno) }
        }
        let whole = staged / Self.blockBytes * Self.blockBytes
        stagingStart += Int64(whole)
        staged -= whole
        tail = Array(UnsafeRawBufferPointer(start: buffer + whole, count: staged))
        releaseStaging()
    }

    /// The staging buffer, allocated (with the kept partial block at its start) when needed;
    /// nil when the process has `maxStagingBuffers` in use already.
    private func stagingBuffer() -> UnsafeMutableRawPointer? {
        if let staging { return staging }
        guard Self.buffersInUse.add(1, ordering: .relaxed).newValue <= Self.maxStagingBuffers else {
            Self.buffersInUse.subtract(1, ordering: .relaxed)
            return nil
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.stagingBytes, alignment: Self.blockBytes)
        tail.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        tail = []
        staging = buffer
        return buffer
    }

    private func releaseStaging() {
        guard let staging else { return }
        staging.deallocate()
        self.staging = nil
        Self.buffersInUse.subtract(1, ordering: .relaxed)
    }

    /// Writes the first `length` bytes of `staging` at `stagingStart` through direct I/O.
    /// Returns false when the file system refused direct I/O (`EINVAL`): direct I/O is then off
    /// and everything staged has been written the ordinary way instead.
    private func writeStaged(length: Int) throws -> Bool {
        let buffer = staging!
        var written = 0
        while written < length {
            let count = pwrite(descriptor, buffer + written, length - written, off_t(stagingStart) + off_t(written))
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno == EINVAL && written == 0 {
                try fallBackToBuffered()
                return false
            }
            guard count > 0 else { throw BlobError.cannotWrite(errno: count < 0 ? errno : EIO) }
            written += count
        }
        return true
    }

    /// Turns direct I/O off for good and writes what waits in `staging` the ordinary way (the
    /// partial block kept without a staging buffer is in the file already).
    private func fallBackToBuffered() throws {
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~(Self.directFlag ?? 0)) == 0 else {
            throw BlobError.cannotWrite(errno: errno)
        }
        isDirect = false
        let waiting = staged
        staged = 0
        tail = []
        if let staging {
            try writeBuffered(UnsafeRawBufferPointer(start: staging, count: waiting))
            releaseStaging()
        } else {
            stagingStart += Int64(waiting)  // the kept partial block is in the file already
        }
    }

    /// An ordinary write of `bytes` at the end of the file (`stagingStart`, nothing staged).
    private func writeBuffered(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let count = pwrite(
                descriptor, bytes.baseAddress! + written, bytes.count - written, off_t(stagingStart) + off_t(written))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw BlobError.cannotWrite(errno: count < 0 ? errno : EIO) }
            written += count
        }
        stagingStart += Int64(bytes.count)
    }
}
