import CommandLineSupport
import Foundation
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
            print("Data directory:     \(data.url.path)")
            print("Server replica:     \(store.replicaID.hex)")
            print("Registers:          \(statistics.registers)")
            print("Current versions:   \(statistics.versions)")
            print("Superseded versions: \(statistics.superseded)")
            print("Open conflicts:     \(statistics.conflicts)")
            print("Server sequence:    \(statistics.lastSequence)")
        }
    }
}
