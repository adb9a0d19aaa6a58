import CommandLineSupport
import Glibc
import Localization

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
            return localized("transfer.not.cached", ["hash": hash.prefix(12)])
        case .localFile(let code):
            return localized("transfer.local.file", ["reason": String(cString: strerror(code))])
        case .corrupt(let hash):
            return localized("transfer.corrupt", ["hash": hash.prefix(12)])
        }
    }
}

extension TransferError: HasExitStatus {
    /// 65: the local data is not what it should be.
    public var exitStatus: Terminal.ExitStatus { .dataError }
}
