import CommandLineSupport
import Foundation
import Models
import SyncStorage

/// `renkei get`: one field's current value, or all its versions when they conflict.
struct GetCommand {
    static let help = """
        OVERVIEW: Show one field. When concurrent edits conflict, every version is shown with
        who wrote it; write the field again to resolve the conflict.

        USAGE: renkei get <collection> <record> <field> [--json] [--home DIR]

        OPTIONS:
          --json         Print the register as JSON: an array of versions (canonical form)
          --home DIR     Where the replica lives

        EXAMPLES:
          renkei get answers osaka-dx-2025/271004/A05 value
          renkei get answers osaka-dx-2025/271004/A05 value --json
        """

    let home: ReplicaHome
    let key: RecordKey
    let json: Bool

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        json = arguments.flag("--json")
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
