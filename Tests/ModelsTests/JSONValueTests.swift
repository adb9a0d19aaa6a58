import Foundation
import Models
import TestSupport
import Testing

@Suite struct JSONValueTests {
    @Test func randomValuesRoundTripExactly() throws {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<5_000 {
            let value = RandomJSON.value(using: &generator, depth: 4)
            let bytes = value.canonicalBytes
            let parsed = try JSONValue(parsing: bytes)
            #expect(parsed == value)
            #expect(parsed.canonicalBytes == bytes)
        }
    }

    @Test func outputIsValidJSONForFoundation() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<1_000 {
            let value = RandomJSON.value(using: &generator, depth: 4)
            let data = Data(value.canonicalBytes)
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) }
        }
    }

    @Test func parsesWhatFoundationWritesWithTheSameMeaning() throws {
        let document: [String: Any] = [
            "name": "大阪市", "count": 43, "ratio": 0.25, "flags": [true, false], "none": NSNull(),
            "nested": ["a\"b": "line\nbreak"],
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        let parsed = try JSONValue(parsing: Array(data))
        let expected: JSONValue = [
            "name": "大阪市", "count": 43, "ratio": .double(0.25), "flags": [true, false], "none": .null,
            "nested": ["a\"b": "line\nbreak"],
        ]
        #expect(parsed == expected)
    }

    @Test func integersStayExactAndDoublesStayDoubles() throws {
        #expect(try JSONValue(parsing: "9007199254740993") == .integer(9_007_199_254_740_993))
        #expect(try JSONValue(parsing: "-9223372036854775808") == .integer(Int64.min))
        #expect(try JSONValue(parsing: "2.0") == .double(2.0))
        #expect(try JSONValue(parsing: "1e2") == .double(100))
        #expect(JSONValue.double(2.0).canonicalText == "2.0")
    }

    @Test func escapesAndUnicodeSurviveAndObjectsAreSorted() throws {
        let parsed = try JSONValue(parsing: #"{"z":"\u00e9\ud83c\udfef\n","a":"\/"}"#)
        #expect(parsed == ["z": "é🏯\n", "a": "/"])
        #expect(parsed.canonicalText == #"{"a":"/","z":"é🏯\n"}"#)
        #expect(JSONValue.string("\u{1}").canonicalText == #""\u0001""#)
    }

    @Test(arguments: [
        ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\":1,\"a\":2}", 7), ("01", 1), ("1.", 2), ("-", 1), ("tru", 0),
        ("\"\\x\"", 3), ("\"\\ud800\"", 7), ("\"a\nb\"", 2), ("[1] x", 4), ("1e400", 0), ("{\"a\" 1}", 5),
    ])
    func malformedDocumentsReportTheOffset(_ text: String, _ offset: Int) {
        do {
            _ = try JSONValue(parsing: text)
            Issue.record("accepted \(text)")
        } catch {
            guard case .malformedJSON(let found, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(found == offset, "\(text): \(error)")
        }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: ModelError.self) { try JSONValue(parsing: [0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: ModelError.self) { try JSONValue(parsing: [0x22, 0xC3, 0x22]) }
    }

    @Test func nestingIsBounded() throws {
        let deep = String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(throws: ModelError.self) { try JSONValue(parsing: deep) }
        let fine = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(throws: Never.self) { try JSONValue(parsing: fine) }
    }
}

@Suite struct NormalizationTests {
    @Test func stringsAndKeysBecomeNFC() {
        let decomposed: JSONValue = ["\u{304B}\u{3099}": ["e\u{301}", 1]]  // か + combining dakuten, e + acute
        #expect(decomposed.nfcNormalized == ["が": ["é", 1]])
        #expect(decomposed.nfcNormalized.canonicalBytes == Array(#"{"が":["é",1]}"#.utf8))
    }
}
