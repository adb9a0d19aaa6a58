import Foundation
import Models
import SyncStorage

/// `renkei-bench wire`: the CPU a server spends on one push batch of 10,000 changes before its
/// transaction (decoding the body, encoding the rows), beside Foundation's `JSONSerialization`
/// parsing the same bytes into untyped objects (the reference, same run). The batch is the one
/// `renkei-bench sync` pushes: answers rows of a table item with an integer value.
enum WireBenchmark {
    static func run(changes count: Int, rounds: Int) throws {
        let body = try pushBody(count: count)
        print(
            "Renkei wire benchmark: a push of \(Measure.grouped(Double(count))) changes (\(Measure.grouped(Double(body.count))) bytes), median of \(rounds) rounds"
        )
        print(String(repeating: "-", count: 96))
        let reference = median(rounds) { _ = try JSONSerialization.jsonObject(with: Data(body)) }
        line("Foundation JSONSerialization (reference)", reference, reference: reference)
        var decoded: PushRequest?
        let decode = median(rounds) { decoded = try PushRequest(decoding: body) }
        line("PushRequest(decoding:) (two threads)", decode, reference: reference)
        guard let request = decoded, request.changes.count == count else {
            throw BenchmarkError.wrongResult("the push did not decode to \(count) changes")
        }
        let encode = median(rounds) { _ = EncodedChanges(request.changes, inParallel: true) }
        line("EncodedChanges (rows, two threads)", encode, reference: reference)
        let serial = median(rounds) { _ = EncodedChanges(request.changes, inParallel: false) }
        line("EncodedChanges (rows, one thread)", serial, reference: reference)
        print(String(repeating: "-", count: 96))
    }

    /// The body of a push of `count` changes as `renkei sync` sends it.
    static func pushBody(count: Int) throws -> [UInt8] {
        let replica = ReplicaID.random()
        var register = Register()
        let osaka = try MunicipalityCode(validating: "271004")
        var raw: [[UInt8]] = []
        raw.reserveCapacity(count)
        for index in 0..<count {
            let version = register.write(
                .integer(Int64(index)), by: replica, user: "pusher", at: 1_764_000_000_000 + Int64(index))
            let change = Change(
                key: try RecordKey(validating: "answers", record: "bench-survey/271004/T01/r\(index)", field: "value"),
                scope: .municipality(osaka), version: version)
            var writer = JSONWriter()
            change.writeJSON(to: &writer)
            raw.append(writer.bytes)
        }
        return PushRequest.encode(replica: replica, batch: UUID().uuidString.lowercased(), number: 1, rawChanges: raw)
    }

    /// Median milliseconds of `rounds` runs of `body`.
    private static func median(_ rounds: Int, _ body: () throws -> Void) -> Double {
        let times = (0..<max(1, rounds)).map { _ in (try? Measure.seconds(body)) ?? .infinity }.sorted()
        return times[times.count / 2] * 1000
    }

    private static func line(_ name: String, _ milliseconds: Double, reference: Double) {
        let padded = name.padding(toLength: 52, withPad: " ", startingAt: 0)
        print(String(format: "%@ %8.1f ms  %6.2fx the reference", padded, milliseconds, milliseconds / reference))
    }
}
