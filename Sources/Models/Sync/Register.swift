/// The replicated value of one field: an antichain of versions none of which dominates another.
///
/// One version is the normal case; several are siblings (a conflict) that stay until a write
/// that has seen them all supersedes them. Siblings are kept in canonical order (by vector), so
/// replicas that merged the same versions in any order hold equal registers.
///
/// ```swift
/// var register = Register()
/// let mine = register.write(.string("はい"), by: me, user: "tanaka", at: now)
/// register.merge(theirs)              // concurrent: two siblings
/// register.write(.string("はい"), by: me, user: "tanaka", at: later)  // resolves: one version
/// ```
public struct Register: Hashable, Sendable {
    /// Current versions; an antichain sorted with `VersionVector.canonicallyPrecedes`.
    public private(set) var versions: [Version]

    /// An empty register (no write seen).
    public init() { versions = [] }

    /// The register holding exactly what merging `versions` in any order gives.
    public init(merging versions: some Sequence<Version>) {
        self.init()
        for version in versions { merge(version) }
    }

    /// What `merge(_:)` did.
    public enum MergeOutcome: Hashable, Sendable {
        /// The version was already known or superseded by a current sibling.
        case ignored
        /// The version is now current; `superseded` are the siblings it replaced.
        case added(superseded: [Version])
    }

    /// Merges one version with the shared `MergeRule`.
    @discardableResult
    public mutating func merge(_ version: Version) -> MergeOutcome {
        let decision = MergeRule.decide(incoming: version.vector, existing: versions.lazy.map(\.vector)) { index in
            // Equal vectors: almost always the same version arriving again (cheap to tell apart).
            !versions[index].isIdentical(to: version)
                && MergeRule.wins(version.canonicalBytes, over: versions[index].canonicalBytes)
        }
        switch decision {
        case .ignore:
            return .ignored
        case .insert(let superseding):
            var removed: [Version] = []
            for index in superseding.reversed() { removed.append(versions.remove(at: index)) }
            let position = versions.firstIndex { version.vector.canonicallyPrecedes($0.vector) } ?? versions.endIndex
            versions.insert(version, at: position)
            return .added(superseded: removed.reversed())
        }
    }

    /// Merges every version of `other`.
    public mutating func merge(_ other: Register) {
        for version in other.versions { merge(version) }
    }

    /// The join of this register and `other`.
    public func merged(with other: Register) -> Register {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// A local write on `replica`: its vector joins every current sibling's and increments the
    /// writer's counter, so it supersedes everything this register holds (this is how a conflict
    /// is resolved). Returns the new version, now the only one.
    @discardableResult
    public mutating func write(_ value: JSONValue, by replica: ReplicaID, user: String, at: Int64) -> Version {
        let version = Version(
            vector: vector.incremented(for: replica), value: value, author: replica, user: user, at: at)
        versions = [version]
        return version
    }

    /// The join of all siblings' vectors: everything this register has seen.
    public var vector: VersionVector {
        versions.reduce(VersionVector()) { $0.joined(with: $1.vector) }
    }

    /// Whether concurrent versions wait for someone to resolve them.
    public var isConflicted: Bool { versions.count > 1 }

    /// Whether the field is deleted (every current version is a deletion).
    public var isDeleted: Bool { !versions.isEmpty && versions.allSatisfy(\.isDeletion) }

    /// The canonical JSON form: an array of the versions' canonical forms, in order.
    public var canonicalBytes: [UInt8] {
        var writer = JSONWriter()
        writer.beginArray()
        for version in versions {
            version.writeJSON(to: &writer)
        }
        writer.endArray()
        return writer.bytes
    }
}
