import Dispatch

/// Lets at most `width` pushes be decoded and applied at once; the others wait, holding only
/// their body's bytes.
///
/// Pushes are applied one at a time anyway (one write transaction), so admitting more gains
/// nothing: with 43 municipalities pushing at once, each decoded batch (several times the size
/// of its JSON) would otherwise wait in memory for its turn. Two keep both cores busy: one batch
/// is decoded and checked while the one before it is applied. Waiters enter in arrival order.
final class PushGate: Sendable {
    private let semaphore: DispatchSemaphore

    /// Pushes decoded or applied at the same time, at least 1.
    let width: Int

    init(width: Int = 2) {
        precondition(width >= 1, "a gate lets at least one push through")
        self.width = width
        semaphore = DispatchSemaphore(value: width)
    }

    /// Runs `body` once fewer than `width` other pushes are inside.
    func pass<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        semaphore.wait()
        defer { semaphore.signal() }
        return try body()
    }
}
