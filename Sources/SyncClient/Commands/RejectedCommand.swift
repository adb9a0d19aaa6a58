import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

/// `renkei rejected`: the local changes the server refused for good. They are kept in the
/// replica (nothing typed is lost) but no longer sent, so they never hold up other changes.
struct RejectedCommand: ReplicaVerbs {
    let home: ReplicaHome

    /// `rejected`: what the server refused, and why.
    func list(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.rejectedJSON)
        try arguments.finish()
        let rejected = try home.open().rejectedVersions()
        if json {
            let entries: [JSONValue] = rejected.map { entry in
                [
                    "id": .integer(entry.sequence), "collection": .string(entry.change.key.collection),
                    "record": .string(entry.change.key.record), "field": .string(entry.change.key.field),
                    "scope": .string(entry.change.scope.description), "value": entry.change.version.value,
                    "code": .string(entry.code), "message": .string(entry.message),
                    "rejected_at": .integer(entry.rejectedAt),
                ]
            }
            print(JSONValue.array(entries).canonicalText)
            return
        }
        guard !rejected.isEmpty else {
            print(localized("rejected.none"))
            return
        }
        for entry in rejected {
            // A refused deletion says so, as `get` and `conflicts` do, not "null".
            let value =
                entry.change.version.isDeletion
                ? localized("conflicts.deleted") : Printable.quoted(entry.change.version.value.canonicalText)
            print("\(entry.sequence)  \(entry.change.key)  = \(value)")
            print("    \(entry.code): \(entry.message)")
        }
        print(localized("rejected.hint"))
    }

    /// `rejected retry ID|--all`: sent again at the next sync.
    func retry(_ arguments: inout ArgumentList) throws {
        let all = arguments.flag(ClientOptions.all)
        let json = arguments.flag(ClientOptions.json)
        let id = all ? nil : try arguments.positional("<id>")
        try arguments.finish()
        let store = try home.open()
        let ids = try all ? store.rejectedVersions().map(\.sequence) : [try Self.parse(id ?? "")]
        for sequence in ids where try !store.retryRejected(sequence) {
            throw CommandFailure(localized("rejected.unknown", ["id": sequence]), status: .dataError)
        }
        if json {
            let result: JSONValue = ["ids": .array(ids.map(JSONValue.integer)), "count": .integer(Int64(ids.count))]
            print(result.canonicalText)
            return
        }
        print(localized("rejected.retried", ["count": ids.count]))
    }

    /// `rejected drop ID`: forgotten.
    func drop(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let id = try Self.parse(try arguments.positional("<id>"))
        try arguments.finish()
        let store = try home.open()
        // What it was, for --json: read before it is gone.
        let entry = json ? try store.rejectedVersions().first { $0.sequence == id } : nil
        guard try store.dropRejected(id) else {
            throw CommandFailure(localized("rejected.unknown", ["id": id]), status: .dataError)
        }
        if json {
            var result: [String: JSONValue] = ["id": .integer(id)]
            if let change = entry?.change {
                result["collection"] = .string(change.key.collection)
                result["record"] = .string(change.key.record)
                result["field"] = .string(change.key.field)
                result["scope"] = .string(change.scope.description)
            }
            print(JSONValue.object(result).canonicalText)
            return
        }
        print(localized("rejected.dropped", ["id": id]))
    }

    private static func parse(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw UsageError(localized("rejected.id.invalid")) }
        return id
    }
}
