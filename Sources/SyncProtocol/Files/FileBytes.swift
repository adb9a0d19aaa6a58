import Foundation
import Glibc

/// Whole reads and writes at an offset of an open file: short transfers are continued and
/// `EINTR` is retried, so a piece is read or written entirely or an error is thrown.
enum FileBytes {
    /// Exactly `count` bytes from byte `offset` of `file`.
    ///
    /// - Throws: `TransferError.localFile` on a read error or when the file ends first.
    static func read(_ file: Int32, from offset: Int64, count: Int) throws(TransferError) -> Data {
        var bytes = Data(count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes {
                pread(file, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw .localFile(errno: got < 0 ? errno : EIO) }
            done += got
        }
        return bytes
    }

    /// Exactly `count` bytes from byte `offset` of `file`, as a read-only mapping of the file
    /// (`mmap`, unmapped when the `Data` goes): the bytes are the page cache's own pages, so no
    /// memory is allocated, zeroed or copied to read them. In the 43-municipality burst a fresh
    /// 4 MiB read buffer per client cost 13% of all CPU, nearly all of it the kernel zeroing its
    /// pages (`renkei-bench load`, 2026-12-03).
    ///
    /// The file must not shrink while the bytes are in use (reading a page past its end would
    /// stop the process with `SIGBUS`): use it for files that are only ever replaced whole, like
    /// the blob cache's, whose names are their hashes. `fstat` checks the length first.
    ///
    /// - Throws: `TransferError.localFile` when the file is shorter or cannot be mapped.
    static func mapped(_ file: Int32, from offset: Int64, count: Int) throws(TransferError) -> Data {
        var status = stat()
        guard fstat(file, &status) == 0 else { throw .localFile(errno: errno) }
        guard offset >= 0, count >= 0, Int64(status.st_size) >= offset + Int64(count) else {
            throw .localFile(errno: EIO)
        }
        guard count > 0 else { return Data() }
        let pageBytes = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let start = offset - offset % pageBytes
        let length = Int(offset - start) + count
        guard let base = mmap(nil, length, PROT_READ, MAP_SHARED | MAP_POPULATE, file, off_t(start)),
            base != MAP_FAILED
        else { throw .localFile(errno: errno) }
        return Data(
            bytesNoCopy: base + Int(offset - start), count: count,
            deallocator: .custom { _, _ in munmap(base, length) })
    }

    /// Writes all of `bytes` at byte `offset` of `file`.
    static func write(_ bytes: Data, to file: Int32, at offset: Int64) throws(TransferError) {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes {
                pwrite(file, $0.baseAddress! + done, bytes.count - done, off_t(offset) + off_t(done))
            }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { throw .localFile(errno: wrote < 0 ? errno : EIO) }
            done += wrote
        }
    }
}
