import Foundation
import Localization
import SyncProtocol
import SyncStorage
import Synchronization

/// The sync the UI's button starts: one round at a time, on a thread of its own, with what it
/// has done so far for the progress page and the last round's result.
final class UISyncJob: Sendable {
    /// Where the job stands.
    struct State: Sendable {
        var running = false
        /// What the running round has done so far.
        var progress = SyncReport()
        var last: Outcome?
    }

    /// How the last round ended.
    struct Outcome: Sendable {
        let finished: Date
        let succeeded: Bool
        /// One or two sentences for people.
        let text: String
    }

    private let state = Mutex(State())
    let home: ReplicaHome

    init(home: ReplicaHome) {
        self.home = home
    }

    var current: State { state.withLock { $0 } }

    /// Starts a round unless one is running; returns whether it started.
    @discardableResult
    func start() -> Bool {
        let started = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            state.progress = SyncReport()
            return true
        }
        guard started else { return false }
        let thread = Thread { [self] in
            let outcome = runRound()
            state.withLock { state in
                state.running = false
                state.last = outcome
            }
        }
        thread.name = "renkei-ui-sync"
        thread.start()
        return true
    }

    private func runRound() -> Outcome {
        do {
            let store = try home.open()
            var (engine, _) = try SyncCommand.engine(home: home, store: store, proxy: .fromEnvironment)
            engine.progress = { [self] report in state.withLock { $0.progress = report } }
            let report = try engine.run()
            var text = localized(
                "ui.sync.done",
                ["sent": report.pushed - report.rejected, "received": report.pulled, "new": report.accepted])
            if report.uploadedFiles > 0 { text += " " + localized("ui.sync.files", ["count": report.uploadedFiles]) }
            if report.newlyRejected > 0 {
                text += " " + localized("ui.sync.rejected", ["count": report.newlyRejected])
            }
            if report.conflicts > 0 { text += " " + localized("ui.sync.conflicts", ["count": report.conflicts]) }
            return Outcome(finished: Date(), succeeded: true, text: text)
        } catch {
            let waiting = (try? home.open().pendingCount()) ?? 0
            var text = localized("ui.sync.failed", ["reason": "\(error)"])
            if waiting > 0 { text += " " + localized("ui.sync.kept", ["count": waiting]) }
            return Outcome(finished: Date(), succeeded: false, text: text)
        }
    }
}
