import Foundation
import Glibc

/// Whole reads and writes at an offset of an open file: short transfers are continued and
/// `EINTR` is retried, so a piece is read or written entirely or an error is thrown.
enum FileBytes {
    /// Exactly `count` bytes from byte `offset` of `file`.
    ///
    /// - Throws: `TransferError.localFile` on a read error or when the file ends first.
    static func read(_ file: Int32, from offset: Int64, count: Int) throws(TransferError) -> Data {
        var bytes = Data()
        try read(file, from: offset, count: count, into: &bytes)
        return bytes
    }

    /// Reads exactly `count` bytes from byte `offset` of `file` into `bytes`, which then holds
    /// just them. The storage of `bytes` is reused when it is large enough and not shared: an
    /// upload reads all its pieces into one buffer instead of mapping fresh memory for each
    /// (the kernel zeroes every new page, and a virtual machine's host may first have to back it).
    ///
    /// - Throws: `TransferError.localFile` on a read error or when the file ends first.
    static func read(_ file: Int32, from offset: Int64, count: Int, into bytes: inout Data) throws(TransferError) {
        bytes.count = count
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes {
                pread(file, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { throw .localFile(errno: got < 0 ? errno : EIO) }
            done += got
        }
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
