import CommandLineSupport
import Foundation
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
            throw CommandFailure("\(key) has no value", status: .failure)
        case 1:
            let version = register.versions[0]
            print(version.isDeletion ? "(deleted)" : version.value.canonicalText)
        default:
            print("CONFLICT: \(register.versions.count) concurrent versions of \(key)")
            for (index, version) in register.versions.enumerated() {
                let time = Date(timeIntervalSince1970: Double(version.at) / 1000).formatted(.iso8601)
                let value = version.isDeletion ? "(deleted)" : version.value.canonicalText
                print("  [\(index + 1)] \(value)   by \(version.user) on \(version.author.hex.prefix(8)) at \(time)")
            }
        }
    }
}
