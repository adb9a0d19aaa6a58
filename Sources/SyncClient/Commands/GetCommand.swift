import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

/// `renkei get`: one field's current value, or all its versions when they conflict.
struct GetCommand {
    let home: ReplicaHome
    let key: RecordKey
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        json = arguments.flag(ClientOptions.registerJSON)
        let collection = try arguments.positional("<collection>")
        let record = try arguments.positional("<record>")
        let field = try arguments.positional("<field>")
        try arguments.finish()
        do { key = try RecordKey(validating: collection, record: record, field: field) } catch {
            throw UsageError(error.description)
        }
    }

    func run() throws {
        let register = try home.open().register(for: key)
        if json {
            Terminal.write(register.canonicalBytes + [0x0A])
            return
        }
        switch register.versions.count {
        case 0:
            throw CommandFailure(localized("get.no.value", ["key": key]), status: .failure)
        case 1:
            let version = register.versions[0]
            print(version.isDeletion ? localized("conflicts.deleted") : version.value.canonicalText)
        default:
            print(localized("get.conflict", ["count": register.versions.count, "key": key]))
            for line in ConflictsCommand.versionLines(register) { print(line) }
        }
    }
}
