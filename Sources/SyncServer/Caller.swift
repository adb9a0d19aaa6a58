import Models

/// Who is making a request, as far as reading goes: the scopes whose records (and the files
/// those records name) the caller may see.
///
/// Until tokens exist every caller is `unrestricted`; the checks that consult a `Caller` (blob
/// downloads) are already in place, so tokens only have to decide which `Caller` a request is.
struct Caller: Sendable {
    /// nil: every scope.
    private let readable: Set<Scope>?

    /// Reads every scope (the advisor, prefecture staff, and every request before tokens).
    static let unrestricted = Caller(readable: nil)

    /// Reads only `scopes` (a municipality's staff: their municipality and `shared`).
    static func reading(_ scopes: Set<Scope>) -> Caller { Caller(readable: scopes) }

    func mayRead(_ scope: Scope) -> Bool { readable?.contains(scope) ?? true }
}
