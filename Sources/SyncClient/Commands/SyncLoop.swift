import CommandLineSupport
import Foundation
import Glibc
import Reports

/// `renkei sync --every 10m`: a round now and then one every interval, until Ctrl-C or SIGTERM
/// (the round under way finishes first). A failed round (the server unreachable, say) is
/// reported and the next one tried: local changes stay queued meanwhile. Each round's output is
/// preceded by the time it started (Japan time).
struct SyncLoop {
    /// Seconds between the starts of two rounds.
    let interval: Int

    /// Set by the signal handler; read between rounds and while waiting.
    nonisolated(unsafe) private static var stopRequested: sig_atomic_t = 0

    func run(_ round: () throws(CommandFailure) -> Void) throws {
        let handler: @convention(c) (Int32) -> Void = { _ in SyncLoop.stopRequested = 1 }
        signal(SIGINT, handler)
        signal(SIGTERM, handler)
        SignalMask.unblock([SIGINT, SIGTERM])
        Terminal.printError("Syncing every \(Self.describe(interval)); Ctrl-C stops after the round under way.")
        while Self.stopRequested == 0 {
            let started = Date()
            print("[\(JapanTime.text(Int64(started.timeIntervalSince1970 * 1000))) JST]")
            fflush(nil)
            do { try round() } catch {
                Terminal.printError("Error: \(error.message) (the next round follows in \(Self.describe(interval)))")
            }
            fflush(nil)
            let next = started.addingTimeInterval(TimeInterval(interval))
            while Self.stopRequested == 0 && Date() < next { usleep(100_000) }
        }
        Terminal.printError("Stopped.")
    }

    /// `10 min`, `1 h`, `30 s`.
    static func describe(_ seconds: Int) -> String {
        if seconds % 3600 == 0 { return "\(seconds / 3600) h" }
        if seconds % 60 == 0 { return "\(seconds / 60) min" }
        return "\(seconds) s"
    }
}
