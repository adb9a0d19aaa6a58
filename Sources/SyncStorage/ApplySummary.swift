/// What applying a list of changes did to a store.
public struct ApplySummary: Hashable, Sendable {
    /// Changes that became current versions.
    public var accepted = 0
    /// Changes already known, or superseded by a current version.
    public var ignored = 0

    public init(accepted: Int = 0, ignored: Int = 0) {
        self.accepted = accepted
        self.ignored = ignored
    }
}
