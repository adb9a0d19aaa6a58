import CommandLineSupport
import Foundation
import SyncStorage

/// `renkei dump`: the canonical form of the whole replica. Two replicas that hold the same
/// versions print the same bytes.
struct DumpCommand {
    let home: ReplicaHome

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        try arguments.finish()
    }

    func run() throws {
        Terminal.write(try home.open().canonicalDump())
    }
}
