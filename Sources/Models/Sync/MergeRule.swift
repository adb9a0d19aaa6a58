/// The merge rule shared by every replica and the server: how one incoming version joins the
/// current siblings of a register.
///
/// - The incoming version is dropped when an existing sibling dominates it.
/// - Otherwise every sibling it dominates is dropped and it is added.
/// - Equal vectors with different content can only come from forged or corrupted input; the
///   version with the larger canonical bytes wins, so the outcome still does not depend on the
///   order of arrival.
///
/// The rule is a join: commutative, associative and idempotent. Wall-clock time is never read.
public enum MergeRule {
    /// What to do with an incoming version.
    public enum Decision: Hashable, Sendable {
        /// Already known, or superseded by a sibling: change nothing.
        case ignore
        /// Store the incoming version and drop the siblings at these indices (ascending).
        case insert(superseding: [Int])
    }

    /// Decides how `incoming` joins `existing`, an antichain of vectors.
    ///
    /// - Parameters:
    ///   - incoming: the vector of the arriving version.
    ///   - existing: the vectors of the current siblings.
    ///   - incomingWinsTie: called only when `existing[i]` equals `incoming`; returns whether the
    ///     incoming version's canonical bytes are larger (see `Version.canonicalBytes`).
    /// - Complexity: O(k · n) for k siblings of n entries.
    /// - Note: inlinable so that callers in other modules get it specialized for their collection
    ///   (unspecialized, it looked up generic metadata for every change applied).
    @inlinable
    public static func decide(
        incoming: VersionVector,
        existing: some Collection<VersionVector>,
        incomingWinsTie: (Int) throws -> Bool
    ) rethrows -> Decision {
        var superseded: [Int] = []
        for (index, vector) in existing.enumerated() {
            switch vector.compare(incoming) {
            case .after:
                return .ignore
            case .equal:
                guard try incomingWinsTie(index) else { return .ignore }
                superseded.append(index)
            case .before:
                superseded.append(index)
            case .concurrent:
                break
            }
        }
        return .insert(superseding: superseded)
    }

    /// Tie-break for equal vectors: the larger canonical bytes win; identical bytes never win.
    public static func wins(_ incoming: [UInt8], over existing: [UInt8]) -> Bool {
        existing.lexicographicallyPrecedes(incoming)
    }
}
