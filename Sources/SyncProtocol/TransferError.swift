import CommandLineSupport
import Glibc

/// Why a file could not be moved between a local file store and the server.
public enum TransferError: Error, CustomStringConvertible, Sendable {
    /// The file a document names is not in the local file store.
    case notCached(String)
    /// Reading or writing a local file failed.
    case localFile(errno: Int32)
    /// The downloaded bytes do not have the document's hash; they were dropped.
    case corrupt(String)

    public var description: String {
        switch self {
        case .notCached(let hash):
            return "the file \(hash.prefix(12))… is missing from the local file store"
        case .localFile(let code):
            return "cannot read or write a local file: \(String(cString: strerror(code)))"
        case .corrupt(let hash):
            return
                "the downloaded file does not have the expected SHA-256 \(hash.prefix(12))…; it was discarded, try again"
        }
    }
}

extension TransferError: HasExitStatus {
    /// 65: the local data is not what it should be.
    public var exitStatus: Terminal.ExitStatus { .dataError }
}
