import CommandLineSupport
import Foundation
import Localization
import Models

/// `renkei-server status`: what the database holds.
struct StatusCommand: DataDirectoryCommand {
    let data: ServerDataDirectory
    let json: Bool

    func run() throws {
        let store = try data.openStore(create: false)
        let statistics = try store.statistics()
        if json {
            let result: JSONValue = [
                "data": .string(data.url.path), "replica": .string(store.replicaID.hex),
                "registers": .integer(statistics.registers), "versions": .integer(statistics.versions),
                "superseded": .integer(statistics.superseded), "conflicts": .integer(statistics.conflicts),
                "sequence": .integer(statistics.lastSequence),
            ]
            print(result.canonicalText)
        } else {
            let values: [String: Any] = [
                "data": data.url.path, "replica": store.replicaID.hex, "registers": statistics.registers,
                "versions": statistics.versions, "superseded": statistics.superseded,
                "conflicts": statistics.conflicts, "sequence": statistics.lastSequence,
            ]
            print(localized("server.status.result", values))
        }
    }
}
