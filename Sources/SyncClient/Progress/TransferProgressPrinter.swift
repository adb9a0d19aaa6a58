import CommandLineSupport
import Foundation
import Localization

/// A progress line for one file transfer, rewritten in place on a terminal (standard error):
/// `↑ 議事録.pdf  45.2 MB of 1.07 GB  312.5 MB/s  ETA 0:03`. Silent when standard error is not
/// a terminal, so scripts and logs see only results.
final class TransferProgressPrinter {
    private let label: String
    private let total: Int64
    private let enabled: Bool
    private let started = Date()
    /// Bytes already there when the transfer began (a resumed transfer): not counted in the rate.
    private var first: Int64?
    private var lastPrinted = Date.distantPast
    private var finished = false

    /// - Parameters:
    ///   - direction: `↑` for uploads, `↓` for downloads.
    init(direction: String, name: String, total: Int64, enabled: Bool = Terminal.errorIsTerminal) {
        label = "\(direction) \(name)"
        self.total = total
        self.enabled = enabled
    }

    /// Reports `done` bytes; prints at most ten times a second, and always the last time.
    func update(_ done: Int64) {
        guard enabled, !finished else { return }
        if first == nil { first = done }
        let now = Date()
        let complete = done >= total
        guard complete || now.timeIntervalSince(lastPrinted) >= 0.1 else { return }
        lastPrinted = now
        let seconds = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done - (first ?? 0)) / seconds
        let figures = [
            "label": label, "done": Self.bytes(done), "total": Self.bytes(total), "rate": Self.bytes(Int64(rate)),
        ]
        var line = localized("progress.transfer", figures)
        if !complete && rate > 0 {
            line += localized("progress.eta", ["time": Self.duration(Double(total - done) / rate)])
        }
        if complete {
            ProgressLine.finish(line)
            finished = true
        } else {
            ProgressLine.show(line)
        }
    }

    static func bytes(_ count: Int64) -> String { DisplayFormat.bytes(count) }

    /// `0:03`, `12:45`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
