import CommandLineSupport
import Foundation
import Glibc

/// Ctrl+C and a termination request (SIGINT, SIGTERM) for a command that runs until stopped:
/// either they end it at once (`untilInterrupted`, the default action), or they are noted and
/// the command stops at a point of its choosing (`catch` then `isRequested`, `sleep`).
enum StopRequest {
    /// Set by the signal handler.
    nonisolated(unsafe) private static var requested: sig_atomic_t = 0

    /// From now on Ctrl+C and SIGTERM only note the request.
    static func catchSignals() {
        let handler: @convention(c) (Int32) -> Void = { _ in StopRequest.requested = 1 }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        // A program that started this one (a test runner) may have left them blocked.
        SignalMask.unblock([SIGINT, SIGTERM])
    }

    /// Whether a stop was requested since `catchSignals`.
    static var isRequested: Bool { requested != 0 }

    /// Sleeps until `deadline` or a stop request, whichever comes first.
    static func sleep(until deadline: Date) {
        while !isRequested && Date() < deadline { usleep(100_000) }
    }

    /// Blocks until Ctrl+C or SIGTERM ends the program (their default action).
    static func untilInterrupted() -> Never {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        SignalMask.unblock([SIGINT, SIGTERM])
        while true { Glibc.sleep(3600) }
    }
}
