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
            print(
                "\(entry.sequence)  \(entry.change.key)  = \(Printable.quoted(entry.change.version.value.canonicalText))"
            )
            print("    \(entry.code): \(entry.message)")
        }
        print(localized("rejected.hint"))
    }

    /// `rejected retry ID|--all`: sent again at the next sync.
    func retry(_ arguments: inout ArgumentList) throws {
        let all = arguments.flag(ClientOptions.all)
        let id = all ? nil : try arguments.positional("<id>")
        try arguments.finish()
        let store = try home.open()
        let ids = try all ? store.rejectedVersions().map(\.sequence) : [try Self.parse(id ?? "")]
        for sequence in ids where try !store.retryRejected(sequence) {
            throw CommandFailure(localized("rejected.unknown", ["id": sequence]), status: .dataError)
        }
        print(localized("rejected.retried", ["count": ids.count]))
    }

    /// `rejected drop ID`: forgotten.
    func drop(_ arguments: inout ArgumentList) throws {
        let id = try Self.parse(try arguments.positional("<id>"))
        try arguments.finish()
        guard try home.open().dropRejected(id) else {
            throw CommandFailure(localized("rejected.unknown", ["id": id]), status: .dataError)
        }
        print(localized("rejected.dropped", ["id": id]))
    }

    private static func parse(_ text: String) throws -> Int64 {
        guard let id = Int64(text), id > 0 else { throw UsageError(localized("rejected.id.invalid")) }
        return id
    }
}
