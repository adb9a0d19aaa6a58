import Foundation
import TestSupport
import Testing

@testable import Models

/// The fast decoder must accept exactly what the general parser accepts, with the same result.
@Suite struct FastWireDecoderTests {
    func slowPush(_ bytes: [UInt8]) -> PushRequest? {
        try? PushRequest(json: JSONValue(parsing: bytes), path: "")
    }

    func fastPush(_ bytes: [UInt8]) -> PushRequest? {
        var decoder = FastWireDecoder(bytes: bytes)
        guard let request = decoder.pushRequest(), decoder.atEnd else { return nil }
        return request
    }

    @Test func agreesWithTheGeneralParserOnValidMessages() throws {
        for seed in PropertyTestSettings.seeds(base: 31, count: 300) {
            let history = SimulatedHistory(seed: seed, keyCount: 4, operations: 10...30)
            let number: Int64? = seed % 3 == 0 ? nil : Int64(seed % 1000) + 1
            let push = PushRequest(
                replica: ReplicaID(high: seed, low: 1), batch: "b-\(seed)", number: number, changes: history.changes)
            let compact = push.jsonBytes
            #expect(fastPush(compact) == push, "seed \(seed)")
            // Whitespace and member order as another JSON writer would produce them.
            let object = try JSONSerialization.jsonObject(with: Data(compact))
            let pretty = Array(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]))
            #expect(fastPush(pretty) == slowPush(pretty), "seed \(seed)")
            #expect(try PushRequest(decoding: pretty) == push, "seed \(seed)")
            let page = PullResponse(changes: history.changes, next: Int64(seed % 1000), more: seed % 2 == 0)
            #expect(try PullResponse(decoding: page.jsonBytes) == page)
            if let first = history.changes.first { #expect(try Change(decoding: first.jsonBytes) == first) }
        }
    }

    /// A push holds at most `PushRequest.maxValues` JSON values, on both paths, whether the fast
    /// decoder splits the changes in halves or not; just under it decodes.
    @Test func aPushOfTooManyValuesIsRefusedAsItIsRead() throws {
        func push(changes: Int, zeros: Int) -> [UInt8] {
            let value = "[" + Array(repeating: "0", count: zeros).joined(separator: ",") + "]"
            let change =
                #"{"collection":"hearings","record":"r","field":"f","scope":"271004","vector":[["0000000000000001000000000000000a",1]],"value":\#(value),"author":"0000000000000001000000000000000a","user":"u","at":1700000000000}"#
            let changes = Array(repeating: change, count: changes).joined(separator: ",")
            return Array(#"{"replica":"0000000000000001000000000000000a","batch":"b","changes":[\#(changes)]}"#.utf8)
        }
        // 20 changes of 60,000 zeros: 1.2 million values; the fast path splits them in halves.
        do {
            _ = try PushRequest(decoding: push(changes: 20, zeros: 60_000))
            Issue.record("1.2 million values were decoded")
        } catch {
            guard case .malformedJSON(_, .tooManyValues(let limit)) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(limit == PushRequest.maxValues)
        }
        // 20 of 40,000: 800,000 values, decoded.
        #expect(try PushRequest(decoding: push(changes: 20, zeros: 40_000)).changes.count == 20)
    }

    @Test func neverAcceptsWhatTheGeneralParserRefuses() {
        var generator = SeededGenerator(seed: 77)
        let history = SimulatedHistory(seed: 77, keyCount: 3, operations: 20...20)
        let valid = PushRequest(replica: ReplicaID(high: 1, low: 2), batch: "b", number: 7, changes: history.changes)
            .jsonBytes
        let replacements: [UInt8] = Array(#"{}[]",:0129-.e\ "#.utf8) + [0x00, 0x0A, 0xFF, UInt8(ascii: "u")]
        var accepted = 0
        for _ in 0..<20_000 {
            var mutated = valid
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<mutated.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: mutated[index] = replacements.randomElement(using: &generator)!
                case 1: mutated.remove(at: index)
                default: mutated.insert(replacements.randomElement(using: &generator)!, at: index)
                }
            }
            let fast = fastPush(mutated)
            let slow = slowPush(mutated)
            if let fast {
                accepted += 1
                #expect(fast == slow, "the fast path accepted \(String(decoding: mutated, as: UTF8.self))")
            }
        }
        #expect(accepted > 0, "some mutations stay valid (e.g. inside string values)")
    }

    /// A push this large is decoded in two halves at once, cut at a comma between two changes
    /// found by a byte scan. Values full of commas, brackets and escaped quotes would show a
    /// wrong cut; mutations around the cut must still never be accepted unless valid.
    @Test func largeArraysDecodedInHalvesAgreeWithOnePass() throws {
        let writer = ReplicaID(high: 3, low: 4)
        let scope = Scope.municipality(try MunicipalityCode(validating: "271004"))
        var changes: [Change] = []
        for index in 0..<1_100 {
            var register = Register()
            let text = index % 2 == 0 ? #"a,"b"],[{c}, \ \#(index)"# : "回答, [\(index)]"
            let value: JSONValue =
                index % 3 == 0 ? .array([.string(text), .object(["k,]": .string("}")])]) : .string(text)
            let version = register.write(value, by: writer, user: "u", at: Int64(index))
            let key = try RecordKey(validating: "answers", record: "osaka-dx-2025/271004/Q\(index)", field: "value")
            changes.append(Change(key: key, scope: scope, version: version))
        }
        let push = PushRequest(replica: writer, batch: "big", number: 3, changes: changes)
        let bytes = push.jsonBytes
        #expect(bytes.count >= FastWireDecoder.parallelThreshold)
        #expect(fastPush(bytes) == push)
        #expect(try PushRequest(decoding: bytes) == push)
        // With members after the array, decoding goes on where the second half ended.
        let text = String(decoding: bytes, as: UTF8.self)
        let array = try #require(text.range(of: #""changes":["#).map { text[$0.upperBound...] }?.dropLast(2))
        let reordered = Array(
            (#"{"changes":["# + array + #"],"replica":"\#(writer.hex)","batch":"big","number":3}"#).utf8)
        #expect(fastPush(reordered) == push)
        #expect(try PushRequest(decoding: reordered) == push)
        let cut = try #require(ElementBoundary.separator(in: bytes, from: bytes.firstIndex(of: UInt8(ascii: "["))! + 1))
        #expect(bytes[cut] == UInt8(ascii: ",") && bytes[cut + 1] == UInt8(ascii: "{"))

        var generator = SeededGenerator(seed: 91)
        let replacements: [UInt8] = Array(#"{}[]",:0129-.e\ "#.utf8)
        for _ in 0..<60 {
            var mutated = bytes
            let index = cut + Int.random(in: -400...400, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: mutated[index] = replacements.randomElement(using: &generator)!
            case 1: mutated.remove(at: index)
            default: mutated.insert(replacements.randomElement(using: &generator)!, at: index)
            }
            let slow = slowPush(mutated)
            if let fast = fastPush(mutated) { #expect(fast == slow) }
            #expect((try? PushRequest(decoding: mutated)) == slow)
        }
    }

    @Test func nestingDepthIsCountedFromTheDocumentRoot() {
        let change = SimulatedHistory(seed: 5).changes[0]
        for depth in [124, 125, 126, 127] {
            var deep = change
            var value = JSONValue.integer(1)
            for _ in 0..<depth { value = .array([value]) }
            deep.version.value = value
            let bytes = PushRequest(replica: ReplicaID(high: 1, low: 1), batch: "d", changes: [deep]).jsonBytes
            #expect((fastPush(bytes) != nil) == (slowPush(bytes) != nil), "depth \(depth)")
        }
    }

    /// Found by `scripts/fuzz wire`: a member whose value failed to parse was skipped, and a
    /// second member of the same name after the broken JSON was then taken instead, so the fast
    /// path accepted a document that is not JSON at all.
    @Test func aMemberThatFailsToParseFailsTheMessage() {
        let replica = "0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e"
        let change = { (vector: String) in
            #"{"collection":"answers","record":"r","field":"value","scope":"shared","vector":\#(vector),"value":1,"author":"\#(replica)","user":"u","at":1}"#
        }
        let broken = change(#"[["0f3a9cared","vector":[["\#(replica)",1]]"#)
        for text in [
            #"{"replica":"\#(replica)","batch":"b","changes":[\#(broken)]}"#,
            #"{"replica":"nothex","replica":"\#(replica)","batch":"b","changes":[]}"#,
            #"{"replica":"\#(replica)","batch":1,"batch":"b","changes":[]}"#,
        ] {
            let bytes = Array(text.utf8)
            #expect(fastPush(bytes) == nil, "\(text)")
            #expect(slowPush(bytes) == nil, "\(text)")
            #expect(throws: ModelError.self) { try PushRequest(decoding: bytes) }
        }
        var page = FastWireDecoder(bytes: Array(#"{"changes":[\#(broken)],"next":7,"more":false}"#.utf8))
        #expect(page.pullResponse() == nil)
    }

    /// Replica ids are read from their bytes, and vectors taken as they come when already in
    /// canonical order: ids escaped, in capitals or of the wrong length, and vectors out of
    /// order or naming a replica twice, give what the general parser gives.
    @Test func replicaIdsAndVectorsOfEveryShapeAgreeWithTheGeneralParser() {
        let a = "0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e"
        let b = "1f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e"
        let escaped = #"0"# + a.dropFirst()
        let change = { (vector: String, author: String) in
            #"{"collection":"answers","record":"r","field":"value","scope":"shared","vector":\#(vector),"value":1,"author":"\#(author)","user":"u","at":1}"#
        }
        let cases = [
            change(#"[["\#(a)",1],["\#(b)",2]]"#, a),
            change(#"[["\#(b)",2],["\#(a)",1]]"#, a),
            change(#"[["\#(a)",1],["\#(a)",2]]"#, a),
            change(#"[["\#(a)",1]]"#, escaped),
            change(#"[["\#(escaped)",1]]"#, a),
            change(#"[["\#(a.uppercased())",1]]"#, a),
            change(#"[["\#(a)",1]]"#, a.uppercased()),
            change(#"[["\#(a.dropLast())",1]]"#, a),
            change(#"[["\#(a)0",1]]"#, a),
            change("[]", a),
        ]
        var accepted: [Int] = []
        for (index, text) in cases.enumerated() {
            let bytes = Array(#"{"replica":"\#(a)","batch":"b","changes":[\#(text)]}"#.utf8)
            let slow = slowPush(bytes)
            #expect(fastPush(bytes) == slow, "\(text)")
            if slow != nil { accepted.append(index) }
        }
        // In order, out of order, escaped (the rest: a replica twice, capitals, wrong lengths,
        // an empty vector, which names no write of the author).
        #expect(accepted == [0, 1, 3, 4])
        let reversed = fastPush(Array(#"{"replica":"\#(a)","batch":"b","changes":[\#(cases[1])]}"#.utf8))
        #expect(reversed?.changes.first?.version.vector.entries.map(\.replica.hex) == [a, b], "sorted")
    }
}
