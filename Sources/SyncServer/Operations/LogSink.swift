import Foundation
import Glibc
import Localization
import Synchronization

/// Where log lines go: standard error, or a file opened with `--log-file` (reopened on SIGHUP,
/// after logrotate moved it).
///
/// A connection thread never writes to the terminal or the disk itself: `write` appends the line
/// to a buffer (a short lock, no system call) and a writer thread of the sink writes what has
/// gathered, many lines at a time under load. The buffer holds at most `maxBufferedBytes`; past
/// that, lines are dropped and counted, and a line saying how many follows once there is room
/// (a stuck terminal must not grow the server's memory). `flush()` waits until everything
/// buffered is written; the process flushes every sink at exit.
final class LogSink: Sendable {
    let path: String?

    /// The file and the writer's own state.
    private struct State {
        var descriptor: Int32
        /// The writer is writing a batch now (`flush` waits for it too).
        var writing = false
    }
    private let state: Mutex<State>
    /// Whether the writer thread runs (started by the first line).
    private let writerStarted = Atomic<Bool>(false)
    /// Lines waiting, by thread (`Sharded`): lines of one connection stay in order, and
    /// connections logging at once rarely meet on one lock.
    private struct Shard: Sendable {
        var pending: [UInt8] = []
        var dropped = 0
    }
    private let shards = Sharded { Shard() }
    /// Signalled when a shard goes from empty to not empty and no wake is pending yet.
    private let wake = DispatchSemaphore(value: 0)
    /// A wake was signalled and the writer has not started draining since: other shards that
    /// fill meanwhile do not signal again (a signal per shard per rest would pile up in the
    /// semaphore, and the writer would wake for nothing long after the load).
    private let wakePending = Atomic<Bool>(false)

    /// At most this many bytes of ordinary lines wait to be written (4 MiB, some 20,000 request
    /// lines); warnings and errors may take as much again.
    static let maxBufferedBytes = 4 * 1024 * 1024

    static let standardError = LogSink()

    private init() {
        path = nil
        state = Mutex(State(descriptor: STDERR_FILENO))
        LogSink.register(self)
    }

    /// Opens (creating) the log file at `path` for appending.
    init(path: String) throws(LogSinkError) {
        self.path = path
        state = Mutex(State(descriptor: try Self.open(path)))
        LogSink.register(self)
    }

    private static func open(_ path: String) throws(LogSinkError) -> Int32 {
        // Not through a symbolic link (someone who can write the log directory cannot point the
        // log elsewhere), and 0640 even when the file was there already (logrotate's `create`).
        let opened = Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard opened >= 0 else { throw LogSinkError(path: path, reason: String(cString: strerror(errno))) }
        _ = fchmod(opened, 0o640)
        return opened
    }

    /// Queues `line` (which ends with a newline) for the writer thread. An `important` line (a
    /// warning or an error: refused tokens, refused pushes) may use twice the room, so that a
    /// flood of ordinary request lines cannot crowd it out.
    func write(_ line: String, important: Bool = false) {
        let wasEmpty = shards.withLocalLock { shard -> Bool in
            // Each shard holds its part of the buffer limit.
            let room = Self.maxBufferedBytes / shards.count * (important ? 2 : 1)
            guard shard.pending.count + line.utf8.count <= room else {
                shard.dropped += 1
                return false
            }
            let wasEmpty = shard.pending.isEmpty
            shard.pending.append(contentsOf: line.utf8)
            return wasEmpty
        }
        if !writerStarted.load(ordering: .acquiring),
            writerStarted.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        {
            let thread = Thread { [self] in writeLoop() }
            thread.name = "renkei-log"
            thread.start()
        }
        if wasEmpty,
            wakePending.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        {
            wake.signal()
        }
    }

    /// Waits until every line queued so far is written, or `timeout` seconds passed (a
    /// terminal nobody reads must not keep the server from exiting).
    func flush(timeout: TimeInterval = 5) {
        let deadline = Date().addingTimeInterval(timeout)
        while hasPending || state.withLock({ $0.writing }), Date() < deadline {
            if !writerStarted.load(ordering: .acquiring) { return drain() }
            usleep(1_000)
        }
    }

    /// The writer thread: waits for lines, writes them in batches, then rests `gatherMicroseconds`
    /// before it looks again. Under load lines gather meanwhile into one larger write, and a
    /// connection that logs finds the writer awake only once per rest, not once per line (each
    /// wake was a system call and a task switch on the request's path).
    private func writeLoop() {
        while true {
            wake.wait()
            // Cleared before the shards are read: a line queued after this point either is in
            // this drain or signals the next one.
            wakePending.store(false, ordering: .sequentiallyConsistent)
            drain()
            usleep(Self.gatherMicroseconds)
        }
    }

    /// How long the writer rests after a batch, in microseconds: a line waits at most this long
    /// (plus the write of the batch before) to reach the terminal or the file.
    static let gatherMicroseconds: UInt32 = 2_000

    /// Whether any shard holds lines.
    private var hasPending: Bool {
        var any = false
        shards.forEach { shard in any = any || !shard.pending.isEmpty || shard.dropped > 0 }
        return any
    }

    /// Writes everything pending, batch after batch.
    private func drain() {
        while true {
            var batch: [UInt8] = []
            var dropped = 0
            shards.forEach { shard in
                batch.append(contentsOf: shard.pending)
                shard.pending.removeAll(keepingCapacity: true)
                dropped += shard.dropped
                shard.dropped = 0
            }
            if dropped > 0 {
                let note = Logger.line(
                    .warning, "log lines dropped: the log could not be written fast enough", [("dropped", "\(dropped)")]
                )
                batch.append(contentsOf: note.utf8)
            }
            let descriptor = state.withLock { state -> Int32 in
                state.writing = !batch.isEmpty
                return state.descriptor
            }
            if batch.isEmpty { return }
            Self.writeAll(batch, to: descriptor)
            state.withLock { $0.writing = false }
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Opens the file again (after logrotate moved it); lines queued meanwhile go to the new one.
    func reopen() throws(LogSinkError) {
        guard let path else { return }
        let fresh = try Self.open(path)
        flush()
        state.withLock { state in
            close(state.descriptor)
            state.descriptor = fresh
        }
    }

    // MARK: - flushing at exit

    private static let all = Mutex<[LogSink]>([])

    private static func register(_ sink: LogSink) {
        let first = all.withLock { sinks in
            sinks.append(sink)
            return sinks.count == 1
        }
        if first { atexit { LogSink.flushAll() } }
    }

    /// Flushes every sink (at exit).
    static func flushAll() {
        for sink in all.withLock({ $0 }) { sink.flush() }
    }
}

/// A log file that could not be opened.
struct LogSinkError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { localized("serve.log.file.unopenable", ["path": path, "reason": reason]) }
}
