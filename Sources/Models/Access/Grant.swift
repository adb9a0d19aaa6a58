/// What a user may do: the roles table of docs/DESIGN.md ("Roles").
public enum Role: String, CaseIterable, Sendable {
    /// A municipality's staff: read their municipality and `shared`, write their municipality's
    /// answers, hearing records (review) and documents.
    case staff
    /// The DX advisor: read everything; write hearings, hearing items and inquiries (its work
    /// log) of any municipality, anything `shared` (surveys, shared documents, the rest of its
    /// work log).
    case advisor
    /// Prefecture IT staff: everything, and provisioning.
    case admin
}

/// A role with its municipality (for staff) and, for an advisor, the municipalities it may enter
/// answers for: the read and write rules every request is checked against.
public struct Grant: Hashable, Sendable {
    public let role: Role
    /// The staff member's municipality; nil for advisors and admins.
    public let municipality: MunicipalityCode?
    /// Municipalities whose survey answers an advisor may enter and submit on their behalf
    /// (answers that came back by mail; granted by an admin, `renkei-server admin grant-entry`).
    /// Empty for staff and admins (an admin may write everything anyway).
    public let onBehalf: Set<MunicipalityCode>

    /// Collections a municipality's staff may write in their own scope.
    public static let staffCollections: Set<String> = [
        CollectionName.answers, CollectionName.submissions, CollectionName.hearings, CollectionName.hearingItems,
        CollectionName.documents,
    ]
    /// Collections the advisor may write in any municipality's scope.
    /// (`submissions` only to return one: `Submission.refusal(from:by:for:)`.)
    public static let advisorCollections: Set<String> = [
        CollectionName.hearings, CollectionName.hearingItems, CollectionName.submissions, CollectionName.inquiries,
    ]
    /// Collections an advisor may also write in the scope of a municipality it enters for.
    public static let onBehalfCollections: Set<String> = [CollectionName.answers, CollectionName.submissions]

    public init(role: Role, municipality: MunicipalityCode?, onBehalf: Set<MunicipalityCode> = []) {
        precondition((role == .staff) == (municipality != nil), "staff, and only staff, belong to a municipality")
        precondition(onBehalf.isEmpty || role == .advisor, "only an advisor enters answers on behalf of others")
        self.role = role
        self.municipality = municipality
        self.onBehalf = onBehalf
    }

    /// Whether this grant enters (and submits) survey answers for `code`: its staff, an advisor
    /// allowed to enter for it, or an admin.
    public func mayEnterAnswers(for code: MunicipalityCode) -> Bool {
        switch role {
        case .admin: return true
        case .advisor: return onBehalf.contains(code)
        case .staff: return municipality == code
        }
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
        case .advisor:
            if scope == .shared || Self.advisorCollections.contains(collection) { return true }
            guard case .municipality(let code) = scope else { return false }
            return onBehalf.contains(code) && Self.onBehalfCollections.contains(collection)
        case .staff:
            return scope == municipality.map(Scope.municipality) && Self.staffCollections.contains(collection)
        }
    }

    /// The scopes this grant reads, or nil for every scope.
    public var readableScopes: Set<Scope>? {
        guard role == .staff, let municipality else { return nil }
        return [.shared, .municipality(municipality)]
    }

    /// `staff of 271004`, `advisor`, `advisor entering for 271403`, `admin`.
    public var description: String {
        if let municipality { return "\(role.rawValue) of \(municipality.rawValue)" }
        guard !onBehalf.isEmpty else { return role.rawValue }
        return "\(role.rawValue) entering for \(onBehalf.map(\.rawValue).sorted().joined(separator: ", "))"
    }
}
