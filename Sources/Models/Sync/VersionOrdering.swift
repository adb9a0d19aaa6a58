/// How two version vectors relate in the causal (happened-before) order.
public enum VersionOrdering: Sendable, Hashable {
    /// Both saw exactly the same writes.
    case equal
    /// The left side happened before the right side: the right saw everything the left saw, and more.
    case before
    /// The left side happened after the right side.
    case after
    /// Neither saw everything the other saw: a conflict when they address the same register.
    case concurrent
}
