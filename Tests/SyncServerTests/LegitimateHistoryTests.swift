import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

@testable import SyncServer

/// The authority checks refuse no legitimate client: random histories of offline writes,
/// conflicts, resolutions, lost answers (a batch applied whose answer never came back) and syncs
/// in any order, by several staff replicas and the advisor, through real replica stores and the
/// real server store and service. Every push is accepted whole, none is rejected, and every
/// replica ends byte-identical to the server.
@Suite struct LegitimateHistoryTests {
    struct Participant {
        let store: ReplicaStore
        let caller: Caller
    }

    /// One history from `seed`; returns how many pushes it made.
    static func run(seed: UInt64) throws -> Int {
        var generator = SeededGenerator(seed: seed)
        let directory = try TemporaryDirectory()
        let server = try ServerStore(path: directory.path("server.sqlite"))
        var logger = Logger()
        logger.minimumLevel = .error
        let service = SyncService(
            store: server, blobs: try BlobStore(root: directory.url.appendingPathComponent("blobs")), logger: logger)
        let osaka = try MunicipalityCode(validating: "271004")
        var participants: [Participant] = []
        for index in 0..<Int.random(in: 2...5, using: &generator) {
            let advisor = index == 0
            let caller = Caller(
                user: advisor ? "advisor" : "staff-\(index)",
                grant: Grant(role: advisor ? .advisor : .staff, municipality: advisor ? nil : osaka), replica: "",
                peer: "test")
            participants.append(
                Participant(
                    store: try ReplicaStore.create(at: directory.path("replica-\(index).sqlite")), caller: caller))
        }
        let keys = try (0..<4).map { index in
            try RecordKey(validating: "hearings", record: "0193a8f0-0000-7000-8000-00000000000\(index)", field: "place")
        }
        var pushes = 0

        func push(_ participant: Participant, loseAnswer: Bool) throws {
            while let batch = try participant.store.nextPushBatch(limit: Int.random(in: 1...3, using: &generator)) {
                let body = PushRequest.encode(
                    replica: participant.store.replicaID, batch: batch.name, number: batch.number,
                    rawChanges: batch.changesJSON)
                let bytes: [UInt8]
                do { bytes = try service.push(body, caller: participant.caller) } catch {
                    Issue.record("seed \(seed): a legitimate push was refused: \(error.code) \(error.message)")
                    throw error
                }
                let answer = try PushResponse(decoding: bytes)
                pushes += 1
                #expect(answer.rejected.isEmpty, "seed \(seed): \(answer.rejected)")
                if loseAnswer { return }  // applied on the server; the replica resends it next time
                try participant.store.acknowledge(batch: batch.name)
            }
        }
        func pull(_ participant: Participant) throws {
            while true {
                let cursor = try participant.store.pullCursor()
                let page = try PullResponse(
                    decoding: try service.pull(
                        since: cursor, limit: Int.random(in: 1...4, using: &generator),
                        excludingAuthor: participant.store.replicaID, caller: participant.caller))
                try participant.store.applyPulled(page)
                if !page.more { break }
            }
        }

        for step in 0..<Int.random(in: 20...60, using: &generator) {
            let participant = participants.randomElement(using: &generator)!
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<5:
                let value: JSONValue =
                    Int.random(in: 0..<8, using: &generator) == 0 ? .null : .string("p\(step)")
                try participant.store.write(
                    value, to: keys.randomElement(using: &generator)!, scope: .municipality(osaka),
                    user: participant.caller.user)
            case 5..<7: try push(participant, loseAnswer: Int.random(in: 0..<4, using: &generator) == 0)
            case 7..<9: try pull(participant)
            default:
                try push(participant, loseAnswer: false)
                try pull(participant)
            }
        }
        // Everyone syncs until nothing moves: every replica holds exactly the server's registers.
        for _ in 0..<2 {
            for participant in participants {
                try push(participant, loseAnswer: false)
                try pull(participant)
            }
        }
        let expected = try server.canonicalDump()
        for participant in participants {
            #expect(try participant.store.canonicalDump() == expected, "seed \(seed): a replica differs")
            #expect(try participant.store.pendingCount() == 0)
        }
        return pushes
    }

    @Test func noLegitimateHistoryIsRefused() throws {
        var pushes = 0
        for seed in UInt64(1)...150 { pushes += try Self.run(seed: seed) }
        print("legitimate histories: 150 seeds, \(pushes) pushes, none refused")
    }
}
