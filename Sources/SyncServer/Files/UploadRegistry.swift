import SyncStorage
import Synchronization

/// The uploads this server process has open: each is either idle (kept with its file and hash
/// state, so the next piece continues without rehashing what came before) or checked out by the
/// one PATCH writing to it. A second PATCH to the same upload finds it busy.
final class UploadRegistry: Sendable {
    private struct State {
        var idle: [String: BlobUpload] = [:]
        var busy: Set<String> = []
    }

    private let state = Mutex(State())
    /// Idle uploads kept open at most (each holds a file descriptor); past it, one is closed and
    /// reopened (rehashed from disk) when its client comes back.
    let maxIdle: Int

    init(maxIdle: Int = 64) {
        self.maxIdle = maxIdle
    }

    /// What `checkOut` found.
    enum Checkout {
        /// The upload, kept open since its last piece.
        case open(BlobUpload)
        /// Not open in this process (first piece, or after a restart): the caller opens it.
        case closed
        /// Another request is writing to it now.
        case busy
    }

    /// Takes the upload `id` for one request; pair with `checkIn` or `forget`.
    func checkOut(_ id: String) -> Checkout {
        state.withLock { state in
            guard state.busy.insert(id).inserted else { return .busy }
            if let upload = state.idle.removeValue(forKey: id) { return .open(upload) }
            return .closed
        }
    }

    /// Gives the upload back after a request, open for the next piece.
    func checkIn(_ upload: BlobUpload) {
        state.withLock { state in
            state.busy.remove(upload.id)
            if state.idle.count >= maxIdle, let victim = state.idle.keys.first {
                state.idle.removeValue(forKey: victim)
            }
            state.idle[upload.id] = upload
        }
    }

    /// Ends a checkout whose upload is finished, failed or was never opened.
    func forget(_ id: String) {
        state.withLock { state in
            state.busy.remove(id)
            state.idle.removeValue(forKey: id)
        }
    }

    /// Whether a request is writing to `id` now (expiry leaves it alone).
    func isBusy(_ id: String) -> Bool {
        state.withLock { $0.busy.contains(id) }
    }

    /// Closes the idle upload `id`, if open (it expired).
    func close(_ id: String) {
        _ = state.withLock { $0.idle.removeValue(forKey: id) }
    }
}
