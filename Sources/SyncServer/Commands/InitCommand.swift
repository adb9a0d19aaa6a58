import CommandLineSupport
import Foundation
import Localization
import Models

/// `renkei-server init`: creates the data directory and database; running it again is harmless.
struct InitCommand: DataDirectoryCommand {
    let data: ServerDataDirectory
    let json: Bool

    func run() throws {
        let store = try data.openStore(create: true)
        let sequence = try store.lastSequence()
        if json {
            let result: JSONValue = [
                "data": .string(data.url.path), "database": .string(data.databasePath),
                "replica": .string(store.replicaID.hex), "sequence": .integer(sequence),
            ]
            print(result.canonicalText)
        } else {
            let values: [String: Any] = [
                "data": data.url.path, "database": data.databasePath, "replica": store.replicaID.hex,
                "sequence": sequence,
            ]
            print(localized("server.init.result", values))
        }
    }
}
