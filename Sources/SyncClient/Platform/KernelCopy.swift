import CommandLineSupport
import Glibc
import SyncProtocol

/// `copy_file_range(2)`: copies between two files inside the kernel (on file systems with
/// reflinks, without copying data at all). Looked up at run time: the Glibc module does not
/// import it.
enum KernelCopy {
    private typealias Function =
        @convention(c) (
            Int32, UnsafeMutablePointer<off_t>?, Int32, UnsafeMutablePointer<off_t>?, Int, UInt32
        ) -> Int

    private static let function = SystemSymbol.function("copy_file_range", as: Function.self)

    /// Copies from the current offset of `input` to its end into `output`. Returns false when
    /// the kernel cannot copy between these files and nothing was copied (the caller then
    /// copies itself); a failure after some bytes throws.
    static func copyAll(from input: Int32, to output: Int32) throws -> Bool {
        guard let function else { return false }
        var copiedAny = false
        while true {
            let count = function(input, nil, output, nil, 1 << 30, 0)
            if count == 0 { return true }
            if count < 0 {
                if errno == EINTR { continue }
                // EXDEV, EINVAL, ENOSYS…: not possible for these files.
                guard copiedAny else { return false }
                throw TransferError.localFile(errno: errno)
            }
            copiedAny = true
        }
    }
}
