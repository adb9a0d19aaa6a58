import Dispatch
import Models
import Synchronization

/// Lets at most `width` pushes be decoded and applied at once, the others waiting in arrival
/// order, and at most `perUser` pushes of one user in at a time (inside or waiting).
///
/// Pushes are applied one at a time anyway (one write transaction), so admitting more gains
/// nothing: with 43 municipalities pushing at once, each decoded batch (several times the size
/// of its JSON) would otherwise wait in memory for its turn. Two keep both cores busy: one batch
/// is decoded and checked while the one before it is applied.
///
/// The limit per user keeps one user from filling the queue: a client has at most
/// `PushRequest.window` (3) batches in flight, and a retry after a lost answer may overlap them,
/// so a user sending many at once (an outside review sent 48 pushes of 8 MiB at a time and held
/// another municipality's pushes for minutes) gets `.busy` for the extra ones, and everyone else
/// waits behind at most `perUser` pushes of each user.
final class PushGate: Sendable {
    /// Pushes decoded or applied at the same time, at least 1.
    let width: Int
    /// Pushes of one user inside or waiting at the same time, at least 1.
    let perUser: Int

    private struct State {
        var inside = 0
        /// Waiters in arrival order, each woken by the push that leaves before it.
        var queue: [DispatchSemaphore] = []
        var pushesByUser: [String: Int] = [:]
    }

    private let state = Mutex(State())

    /// Why a push was not let in.
    enum Refusal: Error {
        /// The user already has `perUser` pushes in.
        case busy
    }

    /// Pushes waiting for their turn now.
    var waiting: Int { state.withLock { $0.queue.count } }

    init(width: Int = 2, perUser: Int = PushRequest.window + 1) {
        precondition(width >= 1 && perUser >= 1, "a gate lets at least one push through")
        self.width = width
        self.perUser = perUser
    }

    /// Runs `body` once fewer than `width` pushes are inside and every push that came before
    /// has gone in; throws `Refusal.busy` at once when `user` already has `perUser` pushes in.
    func pass<T>(user: String, _ body: () throws(ServiceError) -> T) throws(ServiceError) -> T {
        let ticket: DispatchSemaphore?
        do {
            ticket = try state.withLock { state throws(Refusal) -> DispatchSemaphore? in
                guard state.pushesByUser[user, default: 0] < perUser else { throw .busy }
                state.pushesByUser[user, default: 0] += 1
                if state.inside < width && state.queue.isEmpty {
                    state.inside += 1
                    return nil
                }
                let waiter = DispatchSemaphore(value: 0)
                state.queue.append(waiter)
                return waiter
            }
        } catch {
            throw ServiceError(
                .tooManyRequests,
                "\(perUser) pushes of \(user) are already being applied or waiting; send one batch at a time",
                headers: [("Retry-After", "1")])
        }
        ticket?.wait()
        defer { leave(user: user) }
        return try body()
    }

    /// Hands the leaving push's place to the first waiter (it stays counted as inside), else
    /// frees it.
    private func leave(user: String) {
        let next = state.withLock { state -> DispatchSemaphore? in
            let remaining = state.pushesByUser[user, default: 1] - 1
            state.pushesByUser[user] = remaining > 0 ? remaining : nil
            if state.queue.isEmpty {
                state.inside -= 1
                return nil
            }
            return state.queue.removeFirst()
        }
        next?.signal()
    }
}
