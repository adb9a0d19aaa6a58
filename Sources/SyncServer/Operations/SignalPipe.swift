import CommandLineSupport
import Foundation
import Glibc

/// Signals handled on a thread of their own: the handler, installed at once with `signal(2)`,
/// only writes the signal's number to a pipe (async-signal-safe); a thread reads the pipe and
/// runs `handle` for each, where it may lock, log and block. Unlike a dispatch signal source,
/// which is armed some time after it is resumed, no signal can arrive between the call and the
/// handler taking effect and meet the default action (for SIGHUP: the end of the server).
enum SignalPipe {
    /// The pipe's write end, for the handler; set once, before any handler is installed.
    nonisolated(unsafe) private static var writeEnd: Int32 = -1

    /// Installs the handlers for `signals` and starts the thread that calls `handle`.
    static func install(_ signals: [Int32], handle: @escaping @Sendable (Int32) -> Void) throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "pipe: \(errno)"])
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        writeEnd = ends[1]
        let readEnd = ends[0]
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readEnd, &byte, 1)
                if count == 1 {
                    handle(Int32(byte))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        thread.name = "signals"
        thread.start()
        let handler: @convention(c) (Int32) -> Void = { signalNumber in
            let saved = errno
            var byte = UInt8(truncatingIfNeeded: signalNumber)
            _ = write(SignalPipe.writeEnd, &byte, 1)
            errno = saved
        }
        for signalNumber in signals { signal(signalNumber, handler) }
        SignalMask.unblock(signals)
    }
}
