import CommandLineSupport
import Foundation
import Models
import SyncStorage

/// `renkei conflicts` lists fields whose versions conflict; `renkei conflicts resolve` settles one.
struct ConflictsCommand {
    static let help = """
        OVERVIEW: List the fields that concurrent edits left with more than one version, or
        resolve one. Resolving writes a version that supersedes every sibling; the next sync
        carries it to the server and every other replica.

        USAGE: renkei conflicts [--json] [--home DIR]
               renkei conflicts resolve <key> (--pick N | --value JSON) [--home DIR]

        ARGUMENTS:
          <key>          The field as `conflicts` prints it: collection/record#field

        OPTIONS:
          --pick N       Keep version N (1-based, as listed) as the value
          --value JSON   Write a new value instead (null deletes the field)
          --json         Print the list as JSON
          --home DIR     Where the replica lives

        EXAMPLES:
          renkei conflicts
          renkei conflicts resolve answers/osaka-dx-2025/271004/A05#value --pick 2
        """

    enum Action {
        case list(json: Bool)
        case resolve(key: RecordKey, choice: Choice)
    }

    enum Choice {
        case pick(Int)
        case value(JSONValue)
    }

    let home: ReplicaHome
    let action: Action

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        let json = arguments.flag("--json")
        let pick = try arguments.option("--pick")
        let value = try arguments.option("--value")
        guard let verb = arguments.optionalPositional() else {
            try arguments.finish()
            guard pick == nil, value == nil else {
                throw UsageError("--pick and --value belong to `conflicts resolve`")
            }
            action = .list(json: json)
            return
        }
        guard verb == "resolve" else { throw UsageError("unknown conflicts subcommand \(Printable.quoted(verb))") }
        let key = try Self.parseKey(try arguments.positional("<key>"))
        try arguments.finish()
        switch (pick, value) {
        case (let pick?, nil):
            guard let number = Int(pick), number >= 1 else {
                throw UsageError("--pick needs a version number from the list (1, 2, …)")
            }
            action = .resolve(key: key, choice: .pick(number))
        case (nil, let text?):
            do {
                action = .resolve(key: key, choice: .value(try JSONValue(parsing: text)))
            } catch {
                throw CommandFailure(
                    "the value is not JSON (\(error)); text needs quotes, e.g. '\"はい\"'", status: .dataError)
            }
        default:
            throw UsageError("give exactly one of --pick N or --value JSON")
        }
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

    func run() throws {
        let store = try home.open()
        switch action {
        case .list(let json): try list(store, json: json)
        case .resolve(let key, let choice): try resolve(store, key: key, choice: choice)
        }
    }

    private func list(_ store: ReplicaStore, json: Bool) throws {
        let conflicts = try store.conflicts()
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

    private func resolve(_ store: ReplicaStore, key: RecordKey, choice: Choice) throws {
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
