/// What a user may do: the roles table of docs/DESIGN.md ("Roles").
public enum Role: String, CaseIterable, Sendable {
    /// A municipality's staff: read their municipality and `shared`, write their municipality's
    /// answers, hearing records (review) and documents.
    case staff
    /// The DX advisor: read everything; write hearings and hearing items of any municipality,
    /// anything `shared` (surveys, shared documents).
    case advisor
    /// Prefecture IT staff: everything, and provisioning.
    case admin
}

/// A role with its municipality (for staff): the read and write rules every request is checked
/// against.
public struct Grant: Hashable, Sendable {
    public let role: Role
    /// The staff member's municipality; nil for advisors and admins.
    public let municipality: MunicipalityCode?

    /// Collections a municipality's staff may write in their own scope.
    public static let staffCollections: Set<String> = [
        CollectionName.answers, CollectionName.hearings, CollectionName.hearingItems, CollectionName.documents,
    ]
    /// Collections the advisor may write in any municipality's scope.
    public static let advisorCollections: Set<String> = [CollectionName.hearings, CollectionName.hearingItems]

    public init(role: Role, municipality: MunicipalityCode?) {
        precondition((role == .staff) == (municipality != nil), "staff, and only staff, belong to a municipality")
        self.role = role
        self.municipality = municipality
    }

    public func mayRead(_ scope: Scope) -> Bool {
        switch role {
        case .admin, .advisor: return true
        case .staff: return scope == .shared || scope == municipality.map(Scope.municipality)
        }
    }

    public func mayWrite(collection: String, scope: Scope) -> Bool {
        switch role {
        case .admin: return true
        case .advisor: return scope == .shared || Self.advisorCollections.contains(collection)
        case .staff:
            return scope == municipality.map(Scope.municipality) && Self.staffCollections.contains(collection)
        }
    }

    /// The scopes this grant reads, or nil for every scope.
    public var readableScopes: Set<Scope>? {
        guard role == .staff, let municipality else { return nil }
        return [.shared, .municipality(municipality)]
    }

    /// `staff of 271004`, `advisor`, `admin`.
    public var description: String {
        municipality.map { "\(role.rawValue) of \($0.rawValue)" } ?? role.rawValue
    }
}
