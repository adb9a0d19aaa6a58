import Foundation
import Models
import TestSupport
import Testing

@Suite struct WireMessageTests {
    static let replica = try! ReplicaID(validating: "0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e")

    static func validChange() -> JSONValue {
        [
            "collection": "answers", "record": "osaka-dx-2025/271004/A05", "field": "value", "scope": "271004",
            "vector": [["0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e", 3]], "value": 12,
            "author": "0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e", "user": "tanaka", "at": 1_763_884_800_000,
        ]
    }

    static func replacing(_ field: String, with value: JSONValue?) -> JSONValue {
        guard case .object(var members) = validChange() else { fatalError() }
        members[field] = value
        return .object(members)
    }

    @Test func aValidChangeDecodesAndRoundTrips() throws {
        let change = try Change(decoding: Self.validChange().canonicalBytes)
        #expect(change.key.record == "osaka-dx-2025/271004/A05")
        #expect(change.scope.description == "271004")
        #expect(change.version.vector[Self.replica] == 3)
        #expect(try Change(decoding: change.jsonBytes) == change)
        // The fast writer's output is what Foundation reads too.
        let object = try JSONSerialization.jsonObject(with: Data(change.jsonBytes)) as? [String: Any]
        #expect(object?["user"] as? String == "tanaka")
    }

    @Test(arguments: [
        ("scope", JSONValue.string("271005"), "scope"),
        ("scope", JSONValue.integer(271004), "scope"),
        ("collection", JSONValue.string("Answers"), "collection"),
        ("record", JSONValue.string("a\u{0}b"), "record"),
        ("vector", JSONValue.array([["0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e", 0]]), "vector[0]"),
        ("vector", JSONValue.array([["nope", 1]]), "vector[0]"),
        ("vector", JSONValue.array([]), "vector"),
        ("vector", JSONValue.object([:]), "vector"),
        ("author", JSONValue.string("00000000000000000000000000000001"), "author"),
        ("at", JSONValue.double(1.5), "at"),
        ("user", JSONValue.string(""), "user"),
        ("value", Optional<JSONValue>.none, "value"),
        ("extra", JSONValue.bool(true), "extra"),
    ])
    func malformedChangesNameTheField(_ field: String, _ value: JSONValue?, _ path: String) {
        let document = Self.replacing(field, with: value)
        do {
            _ = try Change(decoding: document.canonicalBytes)
            Issue.record("accepted \(document)")
        } catch {
            guard case .invalidField(let found, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(found == path, "\(error)")
        }
    }

    @Test func errorsInsideABatchNameTheChangeIndex() {
        let bad = Self.replacing("scope", with: "999999")
        let request: JSONValue = [
            "replica": .string(Self.replica.hex), "batch": "b-1", "changes": [Self.validChange(), bad],
        ]
        #expect {
            try PushRequest(decoding: request.canonicalBytes)
        } throws: { error in
            guard case ModelError.invalidField(let path, _) = error else { return false }
            return path == "changes[1].scope"
        }
    }

    @Test func pushRequestChecksTheBatchName() {
        for batch in ["", "has space", String(repeating: "x", count: 65), "../x"] {
            let request: JSONValue = ["replica": .string(Self.replica.hex), "batch": .string(batch), "changes": []]
            #expect(
                throws: ModelError.invalidField(path: "batch", reason: "expected 1-64 characters A-Z a-z 0-9 . _ -")
            ) {
                try PushRequest(decoding: request.canonicalBytes)
            }
        }
    }

    @Test func messagesRoundTrip() throws {
        var generator = SeededGenerator(seed: 9)
        let history = SimulatedHistory(seed: 9, keyCount: 4, operations: 30...30)
        let push = PushRequest(replica: Self.replica, batch: "2026-11-23.1", changes: history.changes)
        #expect(try PushRequest(decoding: push.jsonBytes) == push)
        let pull = PullResponse(changes: history.shuffledWithDuplicates(using: &generator), next: 99, more: true)
        #expect(try PullResponse(decoding: pull.jsonBytes) == pull)
        let answer = PushResponse(batch: "b", accepted: 3, ignored: 1, replayed: false, sequence: 12)
        #expect(try PushResponse(decoding: answer.jsonBytes) == answer)
        let error = ErrorResponse(code: .forbiddenScope, message: "271403 は書き込めません")
        #expect(try ErrorResponse(decoding: error.jsonBytes) == error)
        #expect(String(decoding: error.jsonBytes, as: UTF8.self).hasPrefix(#"{"error":{"code":"forbidden_scope""#))
    }

    @Test func notJSONAtAllIsAMalformedJSONError() {
        #expect {
            try PullResponse(decoding: Array("<html>".utf8))
        } throws: { error in
            if case ModelError.malformedJSON(offset: 0, _) = error { return true }
            return false
        }
    }
}
