import Glibc
import Models
import Synchronization

/// Space the server keeps free on the disk of its data directory: a write that would leave less
/// than `bytes` available (to an unprivileged process, `statvfs`'s `f_bavail`) is refused with
/// 507 (`storage_full`) before anything of it is stored, so that many users together, whatever
/// each one's `WriteBudget`, cannot fill the disk under the database, its WAL and the log. What
/// is already stored stays readable, and writes resume once space is freed.
///
/// The refusals are written to the log at most once a minute.
final class DiskReserve: Sendable {
    /// Bytes kept free; 0: no reserve.
    let bytes: Int64
    /// The directory whose file system is watched.
    let path: String
    /// Unix milliseconds of the last refusal written to the log.
    private let lastLogged = Mutex<Int64>(0)
    private let logger: Logger

    init(bytes: Int64, path: String, logger: Logger) {
        precondition(bytes >= 0, "a reserve is never negative")
        self.bytes = bytes
        self.path = path
        self.logger = logger
    }

    /// Bytes available on the data directory's file system now; nil when it cannot be read.
    func available() -> Int64? {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        let (product, overflow) = Int64(clamping: status.f_bavail).multipliedReportingOverflow(
            by: Int64(clamping: status.f_frsize))
        return overflow ? Int64.max : product
    }

    /// Throws 507 when storing `adding` more bytes would leave less than the reserve free. A
    /// file system that cannot be read is let through: the write then fails on its own if the
    /// disk is full (`SQLITE_FULL`, `ENOSPC`: also 507).
    func check(adding: Int64) throws(ServiceError) {
        guard bytes > 0, let free = available() else { return }
        let (needed, overflow) = bytes.addingReportingOverflow(max(0, adding))
        guard overflow || free < needed else { return }
        let now = UnixTime.milliseconds()
        let shouldLog = lastLogged.withLock { last in
            guard now - last >= 60_000 || now < last else { return false }
            last = now
            return true
        }
        if shouldLog {
            logger.log(
                .error, "write refused: the disk reserve is reached",
                [("free", "\(free)"), ("reserve", "\(bytes)"), ("asked", "\(adding)"), ("data", path)])
        }
        // The figures go to the log only: how full the server's disk is is none of a client's
        // business.
        throw ServiceError(
            .storageFull,
            "the server's disk is down to the space it keeps free; nothing was stored. Tell the prefecture's IT staff; retry once they have freed space"
        )
    }
}
