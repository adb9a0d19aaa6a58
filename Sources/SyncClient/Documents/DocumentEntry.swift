import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

/// One document as this replica holds it: its current version (several while a conflict is
/// open) and, on request, every earlier version.
struct DocumentEntry {
    let id: String
    let scope: Scope
    /// Current versions that are not deletions, each with its value; more than one is a conflict.
    let current: [(version: Version, document: Document)]

    var isConflicted: Bool { current.count > 1 }
    /// The version shown in listings (the first sibling while conflicted).
    var document: Document { current[0].document }

    /// Every document not deleted, in id order (creation order).
    static func all(store: ReplicaStore) throws -> [DocumentEntry] {
        try store.registers(in: Document.collection).compactMap { key, scope, register in
            guard key.field == Document.field else { return nil }
            let versions = register.versions.compactMap { version in
                (try? Document(json: version.value, path: "value")).map { (version, $0) }
            }
            return versions.isEmpty ? nil : DocumentEntry(id: key.record, scope: scope, current: versions)
        }
    }

    /// The document named by an id or by its path (`folder/name`), among those not deleted.
    static func find(_ reference: String, store: ReplicaStore) throws -> DocumentEntry {
        let entries = try all(store: store)
        if let byID = entries.first(where: { $0.id == reference }) { return byID }
        let path = reference.precomposedStringWithCanonicalMapping
        let byPath = entries.filter { entry in entry.current.contains { $0.document.path == path } }
        if byPath.count == 1 { return byPath[0] }
        if byPath.count > 1 {
            let ids = byPath.map { "\($0.id) (\($0.scope))" }.joined(separator: ", ")
            throw CommandFailure(
                localized("document.find.several", ["reference": Printable.quoted(reference), "ids": ids]),
                status: .dataError)
        }
        throw CommandFailure(
            localized("document.find.none", ["reference": Printable.quoted(reference)]), status: .dataError)
    }

    /// Every version of the document, oldest first, from this replica and (when given) the
    /// server's full history: a version is current when no other known version supersedes it.
    /// Deletions are included (their `document` is nil).
    func history(store: ReplicaStore, remote: [Change]? = nil) throws -> [(
        version: Version, document: Document?, isCurrent: Bool
    )] {
        let key = try Document.key(id: id)
        var known: [Version] = []
        var seen: Set<[UInt8]> = []
        for version in try store.history(for: key) + store.register(for: key).versions
            + (remote ?? []).filter({ $0.key == key }).map(\.version)
        where seen.insert(version.canonicalBytes).inserted {
            known.append(version)
        }
        return known.map { version in
            let superseded = known.contains { $0.vector.compare(version.vector) == .after }
            return (version, try? Document(json: version.value, path: "value"), !superseded)
        }.sorted { left, right in
            left.version.at != right.version.at
                ? left.version.at < right.version.at
                : left.version.canonicalBytes.lexicographicallyPrecedes(right.version.canonicalBytes)
        }
    }

    /// The JSON listing form.
    var json: JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id), "scope": .string(scope.description), "path": .string(document.path),
            "updated_by": .string(current[0].version.user), "updated_at": .integer(current[0].version.at),
        ]
        if case .object(let fields) = document.json { members.merge(fields) { first, _ in first } }
        if isConflicted {
            members["conflict"] = .array(current.map { $0.document.json })
        }
        return .object(members)
    }
}
