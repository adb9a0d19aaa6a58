import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

/// `renkei put`: a local write of one field; it waits in the outbox for the next sync.
struct PutCommand {
    let home: ReplicaHome
    let key: RecordKey
    let value: JSONValue
    let scope: Scope?
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        let scopeText = try arguments.option(ClientOptions.putScope)
        json = arguments.flag(ClientOptions.json)
        let collection = try arguments.positional("<collection>")
        let record = try arguments.positional("<record>")
        let field = try arguments.positional("<field>")
        let json = try arguments.positional("<json>")
        try arguments.finish()
        do { key = try RecordKey(validating: collection, record: record, field: field) } catch {
            throw UsageError(error.description)
        }
        do { scope = try scopeText.map { text throws(ModelError) in try Scope(validating: text) } } catch {
            throw UsageError(error.description)
        }
        do { value = try JSONValue(parsing: json) } catch {
            throw CommandFailure(localized("put.value.not.json", ["error": "\(error)"]), status: .dataError)
        }
    }

    func run() throws {
        let store = try home.open()
        guard let user = try store.setting(.user) else {
            throw CommandFailure(localized("replica.no.user"))
        }
        let defaultScope = try store.setting(.scope).flatMap { try? Scope(validating: $0) }
        guard let scope = scope ?? defaultScope else {
            throw UsageError(localized("usage.missing", ["what": "--scope"]))
        }
        do {
            let version = try store.permittedWrite(value, to: key, scope: scope, user: user)
            if json {
                let result: JSONValue = [
                    "collection": .string(key.collection), "record": .string(key.record), "field": .string(key.field),
                    "scope": .string(scope.description), "value": version.value, "user": .string(version.user),
                    "author": .string(version.author.hex), "at": .integer(version.at),
                ]
                print(result.canonicalText)
            } else {
                print(localized("put.done", ["key": key, "value": value.canonicalText, "vector": version.vector]))
            }
        } catch let error as StorageError {
            throw CommandFailure(error.description, status: .dataError)
        }
    }
}
