import CommandLineSupport
import Foundation
import Models
import SyncStorage

/// `renkei conflicts` lists fields whose versions conflict; `renkei conflicts resolve` settles one.
struct ConflictsCommand: ReplicaVerbs {
    let home: ReplicaHome

    enum Choice {
        case pick(Int)
        case value(JSONValue)
    }

    /// `collection/record#field`; the record may contain `/`, the field is after the last `#`.
    static func parseKey(_ text: String) throws -> RecordKey {
        guard let slash = text.firstIndex(of: "/"), let hash = text.lastIndex(of: "#"), slash < hash else {
            throw UsageError("a key looks like collection/record#field, e.g. answers/osaka-dx-2025/271004/A05#value")
        }
        do {
            return try RecordKey(
                validating: String(text[..<slash]), record: String(text[text.index(after: slash)..<hash]),
                field: String(text[text.index(after: hash)...]))
        } catch {
            throw UsageError(error.description)
        }
    }

    /// `conflicts`: the fields with conflicting versions.
    func list(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        try arguments.finish()
        let conflicts = try home.open().conflicts()
        if json {
            let entries: [JSONValue] = conflicts.map { conflict in
                .object([
                    "collection": .string(conflict.key.collection), "record": .string(conflict.key.record),
                    "field": .string(conflict.key.field), "scope": .string(conflict.scope.description),
                    "versions": .array(
                        conflict.register.versions.map { version in
                            .object([
                                "value": version.value, "author": .string(version.author.hex),
                                "user": .string(version.user),
                                "at": .integer(version.at),
                            ])
                        }),
                ])
            }
            print(JSONValue.array(entries).canonicalText)
            return
        }
        if conflicts.isEmpty {
            print("No conflicts.")
            return
        }
        for conflict in conflicts {
            print("\(conflict.key)  (\(conflict.register.versions.count) versions)")
            for (index, version) in conflict.register.versions.enumerated() {
                let time = Date(timeIntervalSince1970: Double(version.at) / 1000).formatted(.iso8601)
                let value = version.isDeletion ? "(deleted)" : version.value.canonicalText
                print("  [\(index + 1)] \(value)   by \(version.user) on \(version.author.hex.prefix(8)) at \(time)")
            }
        }
        print("\nResolve with: renkei conflicts resolve <key> --pick N   (or --value JSON)")
    }

    /// `conflicts resolve KEY --pick N | --value JSON`: writes a version that supersedes every sibling.
    func resolve(_ arguments: inout ArgumentList) throws {
        let pick = try arguments.option(ClientOptions.pick)
        let text = try arguments.option(ClientOptions.value)
        let key = try Self.parseKey(try arguments.positional("<key>"))
        try arguments.finish()
        let choice: Choice
        switch (pick, text) {
        case (let pick?, nil):
            guard let number = Int(pick), number >= 1 else {
                throw UsageError("--pick needs a version number from the list (1, 2, …)")
            }
            choice = .pick(number)
        case (nil, let text?):
            do { choice = .value(try JSONValue(parsing: text)) } catch {
                throw CommandFailure(
                    "the value is not JSON (\(error)); text needs quotes, e.g. '\"はい\"'", status: .dataError)
            }
        default:
            throw UsageError("give exactly one of --pick N or --value JSON")
        }
        let store = try home.open()
        let register = try store.register(for: key)
        guard register.isConflicted, let scope = try store.scope(of: key) else {
            throw CommandFailure("\(key) has no conflict to resolve", status: .failure)
        }
        let value: JSONValue
        switch choice {
        case .pick(let number):
            guard number <= register.versions.count else {
                throw UsageError("\(key) has \(register.versions.count) versions; pick 1 to \(register.versions.count)")
            }
            value = register.versions[number - 1].value
        case .value(let given):
            value = given
        }
        guard let user = try store.setting(.user) else {
            throw CommandFailure("the replica has no user: run `renkei init` again")
        }
        try store.permittedWrite(value, to: key, scope: scope, user: user)
        print("Resolved \(key) = \(value.canonicalText); it reaches everyone at the next sync.")
    }
}
