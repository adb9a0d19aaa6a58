import CommandLineSupport
import Foundation
import SyncStorage

/// `renkei dump`: the canonical form of the whole replica. Two replicas that hold the same
/// versions print the same bytes.
struct DumpCommand {
    static let help = """
        OVERVIEW: Print every field of the replica as one canonical JSON line each, in key order.
        Replicas that hold the same versions print identical bytes (compare with cmp or sha256sum).

        USAGE: renkei dump [--home DIR]

        EXAMPLES:
          renkei dump | sha256sum
        """

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
