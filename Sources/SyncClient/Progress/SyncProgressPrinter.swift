import CommandLineSupport
import Foundation
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
                let step = report.pages == 0 ? "pushed batch \(report.batches)" : "pulled page \(report.pages)"
                Terminal.printError(
                    String(
                        format: "%@: sent %d/%d, received %d; local %.2f s, network %.2f s", step, report.pushed,
                        report.pending,
                        report.pulled, report.localSeconds, report.networkSeconds))
            } else if terminal {
                let rate = Double(report.pushed + report.pulled) / max(Date().timeIntervalSince(clock), 0.001)
                let line =
                    "\r  sent \(report.pushed) of \(report.pending), received \(report.pulled)\(report.morePages ? "+" : "")  (\(Int(rate)) changes/s)  "
                FileHandle.standardError.write(Data(line.utf8))
                if report.pages > 0 && !report.morePages { FileHandle.standardError.write(Data("\n".utf8)) }
            }
        }
    }
}
