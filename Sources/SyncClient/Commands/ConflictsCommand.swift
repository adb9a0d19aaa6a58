import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
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
            throw UsageError(localized("conflicts.key.invalid"))
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
            print(localized("conflicts.none"))
            return
        }
        for conflict in conflicts {
            print(localized("conflicts.entry", ["key": conflict.key, "count": conflict.register.versions.count]))
            for line in Self.versionLines(conflict.register) { print(line) }
        }
        print(localized("conflicts.hint"))
    }

    /// `conflicts resolve KEY --pick N | --value JSON`: writes a version that supersedes every sibling.
    func resolve(_ arguments: inout ArgumentList) throws {
        let pick = try arguments.option(ClientOptions.pick)
        let text = try arguments.option(ClientOptions.value)
        let json = arguments.flag(ClientOptions.json)
        let key = try Self.parseKey(try arguments.positional("<key>"))
        try arguments.finish()
        let choice: Choice
        switch (pick, text) {
        case (let pick?, nil):
            guard let number = Int(pick), number >= 1 else {
                throw UsageError(localized("conflicts.pick.invalid"))
            }
            choice = .pick(number)
        case (nil, let text?):
            do { choice = .value(try JSONValue(parsing: text)) } catch {
                throw CommandFailure(localized("put.value.not.json", ["error": "\(error)"]), status: .dataError)
            }
        default:
            throw UsageError(localized("conflicts.choice"))
        }
        let store = try home.open()
        let register = try store.register(for: key)
        guard register.isConflicted, let scope = try store.scope(of: key) else {
            throw CommandFailure(localized("conflicts.no.conflict", ["key": key]), status: .failure)
        }
        let value: JSONValue
        switch choice {
        case .pick(let number):
            guard number <= register.versions.count else {
                throw UsageError(localized("conflicts.pick.range", ["key": key, "count": register.versions.count]))
            }
            value = register.versions[number - 1].value
        case .value(let given):
            value = given
        }
        guard let user = try store.setting(.user) else {
            throw CommandFailure(localized("replica.no.user"))
        }
        try store.permittedWrite(value, to: key, scope: scope, user: user)
        if json {
            var picked = JSONValue.null
            if case .pick(let number) = choice { picked = .integer(Int64(number)) }
            let result: JSONValue = [
                "collection": .string(key.collection), "record": .string(key.record), "field": .string(key.field),
                "scope": .string(scope.description), "value": value, "picked": picked,
                "superseded": .integer(Int64(register.versions.count)),
            ]
            print(result.canonicalText)
            return
        }
        print(localized("conflicts.resolved", ["key": key, "value": value.canonicalText]))
    }

    /// A conflicting register's versions, one numbered line each (`[2] "はい" by tanaka on
    /// 1a2b3c4d at 2026-06-01 10:00 JST`), as `conflicts` and `get` list them.
    static func versionLines(_ register: Register) -> [String] {
        register.versions.enumerated().map { index, version in
            let value = version.isDeletion ? localized("conflicts.deleted") : version.value.canonicalText
            let values: [String: Any] = [
                "number": index + 1, "value": value, "user": version.user,
                "replica": version.author.hex.prefix(8), "time": JapanTime.marked(version.at),
            ]
            return localized("conflicts.version", values)
        }
    }
}
