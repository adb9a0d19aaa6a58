import Localization
import Models
import SyncStorage

extension ServiceError {
    /// What a client may know of a failure below the services, the one map of them: the
    /// client gets a code and a plain message, the details go to the log only.
    ///
    /// | failure | code |
    /// |---|---|
    /// | a `ServiceError` | itself |
    /// | a register of another scope (`StorageError.scopeMismatch`) | `scope_mismatch` |
    /// | more bytes than an upload announced | `payload_too_large` |
    /// | uploaded bytes of another hash or size | `hash_mismatch` |
    /// | a full disk (database or file store) | `storage_full` |
    /// | a busy database (another writer held it past the timeout) | `unavailable` (retry) |
    /// | anything else | `internal_error` |
    static func from(_ error: any Error, during call: String, logger: Logger) -> ServiceError {
        switch error {
        case let error as ServiceError:
            return error
        case let error as StorageError:
            if case .scopeMismatch = error { return ServiceError(.scopeMismatch, error.description(in: .english)) }
        case let error as BlobError:
            switch error {
            case .tooLarge:
                return ServiceError(.payloadTooLarge, "more bytes than the upload announced")
            case .mismatch:
                logger.log(.warning, "upload discarded", [("reason", error.description(in: .english))])
                return ServiceError(.hashMismatch, error.description(in: .english))
            default:
                if error.isDiskFull { return storageFull(call, error.description, logger) }
            }
        case let error as DatabaseError:
            if error.isFull { return storageFull(call, error.description, logger) }
            if error.isBusy {
                logger.log(.warning, "database busy", [("call", call)])
                return ServiceError(.unavailable, "the server is busy; retry shortly")
            }
        default:
            break
        }
        logger.log(.error, "internal error", [("call", call), ("detail", "\(error)")])
        return ServiceError(.internalError, "the server failed to complete the \(call); it has been logged")
    }

    private static func storageFull(_ call: String, _ detail: String, _ logger: Logger) -> ServiceError {
        logger.log(.error, "disk full", [("call", call), ("detail", detail)])
        return ServiceError(.storageFull, "the server's storage is full; nothing was applied, retry later")
    }
}
