import Dispatch

/// Runs two pieces of work at the same time, on two threads (`DispatchQueue.concurrentPerform`),
/// and returns both results once both have finished: for one job cut in two halves where the
/// second core would otherwise be idle (a push decoded, its rows encoded).
///
/// Each piece writes only its own result, and the results are read after both have finished.
/// They live in a class so that ARC frees them (an earlier version kept the results in an
/// allocated buffer freed without deinitializing them, and leaked every large push).
public enum BothAtOnce {
    public static func run<First, Second>(
        _ first: @Sendable () -> First, _ second: @Sendable () -> Second
    ) -> (First, Second) {
        let results = Results<First, Second>()
        DispatchQueue.concurrentPerform(iterations: 2) { piece in
            if piece == 0 { results.first = first() } else { results.second = second() }
        }
        return (results.first!, results.second!)
    }

    private final class Results<First, Second>: @unchecked Sendable {
        var first: First?
        var second: Second?
    }
}
