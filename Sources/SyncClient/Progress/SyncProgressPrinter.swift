import CommandLineSupport
import Foundation
import Localization
import SyncProtocol

/// Shows how a sync round advances: a line per batch and page with `--verbose`, and on a
/// terminal a progress line rewritten in place. Quiet otherwise (scripts, logs).
struct SyncProgressPrinter: Sendable {
    let verbose: Bool
    let terminal: Bool

    var callback: @Sendable (SyncReport) -> Void {
        let verbose = self.verbose
        let terminal = self.terminal
        let clock = Date()
        return { report in
            if verbose {
                let step =
                    report.pages == 0
                    ? localized("progress.step.pushed", ["number": report.batches])
                    : localized("progress.step.pulled", ["number": report.pages])
                let values: [String: Any] = [
                    "step": step, "pushed": report.pushed, "pending": report.pending, "pulled": report.pulled,
                    "local": String(format: "%.2f", report.localSeconds),
                    "network": String(format: "%.2f", report.networkSeconds),
                ]
                Terminal.printError(localized("progress.verbose", values))
            } else if terminal {
                let rate = Double(report.pushed + report.pulled) / max(Date().timeIntervalSince(clock), 0.001)
                let values: [String: Any] = [
                    "pushed": report.pushed, "pending": report.pending, "pulled": report.pulled,
                    "more": report.morePages ? "+" : "", "rate": Int(rate),
                ]
                let line = localized("progress.line", values)
                if report.pages > 0 && !report.morePages { ProgressLine.finish(line) } else { ProgressLine.show(line) }
            }
        }
    }
}
