import CommandLineSupport
import Foundation
import Localization
import Reports

/// `renkei sync --every 10m`: a round now and then one every interval, until Ctrl-C or SIGTERM
/// (the round under way finishes first). A failed round (the server unreachable, say) is
/// reported and the next one tried: local changes stay queued meanwhile. Each round's output is
/// preceded by the time it started (Japan time).
struct SyncLoop {
    /// Seconds between the starts of two rounds.
    let interval: Int

    func run(_ round: () throws(CommandFailure) -> Void) throws {
        StopRequest.catchSignals()
        Terminal.printError(localized("sync.every.start", ["interval": Self.describe(interval)]))
        while !StopRequest.isRequested {
            let started = Date()
            print("[\(JapanTime.marked(Int64(started.timeIntervalSince1970 * 1000)))]")
            fflush(nil)
            do { try round() } catch {
                let values = ["message": error.message, "interval": Self.describe(interval)]
                Terminal.printError(Terminal.errorLine(localized("sync.every.failed", values)))
            }
            fflush(nil)
            let next = started.addingTimeInterval(TimeInterval(interval))
            StopRequest.sleep(until: next)
        }
        Terminal.printError(localized("sync.every.stopped"))
    }

    /// `10 min`, `1 h`, `30 s` (`10 分`, `1 時間`, `30 秒`).
    static func describe(_ seconds: Int) -> String {
        if seconds % 3600 == 0 { return localized("sync.interval.hours", ["count": seconds / 3600]) }
        if seconds % 60 == 0 { return localized("sync.interval.minutes", ["count": seconds / 60]) }
        return localized("sync.interval.seconds", ["count": seconds])
    }
}
