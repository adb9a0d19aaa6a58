import Glibc
import Localization
import Synchronization

/// Where the server's log lines go: standard error, or a file opened for appending
/// (`serve --log-file`) that `reopen()` opens anew after logrotate has moved it (on `SIGHUP`).
/// Writes are serialised, so lines from different threads never interleave.
final class LogSink: Sendable {
    /// The file, or nil for standard error.
    let path: String?
    /// The descriptor lines are written to.
    private let descriptor: Mutex<Int32>

    /// Standard error.
    static let standardError = LogSink()

    private init() {
        path = nil
        descriptor = Mutex(STDERR_FILENO)
    }

    /// Appends to the file at `path`, creating it (mode 0640: the log names users and addresses;
    /// never through a symbolic link).
    init(path: String) throws(LogSinkError) {
        self.path = path
        descriptor = Mutex(try Self.open(path))
    }

    private static func open(_ path: String) throws(LogSinkError) -> Int32 {
        // Not through a symbolic link (someone who can write the log directory cannot point the
        // log elsewhere), and 0640 even when the file was there already (logrotate's `create`).
        let opened = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard opened >= 0 else { throw LogSinkError(path: path, reason: String(cString: strerror(errno))) }
        _ = fchmod(opened, 0o640)
        return opened
    }

    /// Writes `line` whole (retrying short writes); a failing disk loses the line, not the server.
    func write(_ line: String) {
        let bytes = Array(line.utf8)
        descriptor.withLock { descriptor in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Opens the file at `path` again (a new file when logrotate moved the old one) and closes
    /// the old descriptor; nothing for standard error. On failure the old file stays in use.
    func reopen() throws(LogSinkError) {
        guard let path else { return }
        let fresh = try Self.open(path)
        descriptor.withLock { descriptor in
            close(descriptor)
            descriptor = fresh
        }
    }
}

/// A log file that cannot be opened.
struct LogSinkError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { localized("serve.log.file.unopenable", ["path": path, "reason": reason]) }
}
