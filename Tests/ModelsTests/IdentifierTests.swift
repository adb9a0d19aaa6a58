import Foundation
import Localization
import Models
import Testing

@Suite struct IdentifierTests {
    /// The 43 Osaka municipalities shipped with the project.
    static func osakaCodes() throws -> [String] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/osaka_municipalities.csv").standardized
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        return lines.map { String($0.split(separator: ",")[0]) }
    }

    @Test func everyOsakaMunicipalityCodeHasAValidCheckDigit() throws {
        let codes = try Self.osakaCodes()
        #expect(codes.count == 43)
        for code in codes {
            #expect(throws: Never.self) { try MunicipalityCode(validating: code) }
        }
        #expect(try MunicipalityCode(validating: "271004").prefectureCode == "27")
    }

    @Test func checkDigitRemaindersZeroAndOneMapToOneAndZero() throws {
        // 272141 (remainder 0 -> 1) and 272060 (remainder 1 -> 0) are real Osaka codes.
        #expect(try MunicipalityCode(validating: "272141").rawValue == "272141")
        #expect(try MunicipalityCode(validating: "272060").rawValue == "272060")
        let reason = localized("model.municipality.check.digit", ["digit": 1])
        #expect(throws: ModelError.invalidMunicipalityCode("272140", reason: reason)) {
            try MunicipalityCode(validating: "272140")
        }
    }

    @Test(arguments: ["27100", "2710045", "27100a", "２７１００４", "", " 271004"])
    func malformedMunicipalityCodesAreRefused(_ text: String) {
        #expect(throws: ModelError.self) { try MunicipalityCode(validating: text) }
    }

    @Test func wrongCheckDigitNamesTheExpectedDigit() {
        let reason = localized("model.municipality.check.digit", ["digit": 4])
        #expect(throws: ModelError.invalidMunicipalityCode("271005", reason: reason)) {
            try MunicipalityCode(validating: "271005")
        }
    }

    @Test func scopeParsesSharedAndCodes() throws {
        #expect(try Scope(validating: "shared") == .shared)
        #expect(try Scope(validating: "271403").description == "271403")
        #expect(throws: ModelError.invalidScope("Shared")) { try Scope(validating: "Shared") }
        #expect(throws: ModelError.self) { try Scope(validating: "271405") }
    }

    @Test func replicaIDRoundTripsThroughHex() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100 {
            let id = ReplicaID.random(using: &generator)
            #expect(try ReplicaID(validating: id.hex) == id)
            var bytes: [UInt8] = []
            id.appendHex(to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == id.hex)
        }
        #expect(ReplicaID(high: 0, low: 1).hex == "00000000000000000000000000000001")
    }

    @Test(arguments: [
        "", "0f3a", "0F3A9C1D5E7B2A4C8D6E0F1A2B3C4D5E", "0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5g",
        "0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e0",
    ])
    func malformedReplicaIDsAreRefused(_ text: String) {
        #expect(throws: ModelError.invalidReplicaID(text)) { try ReplicaID(validating: text) }
    }

    @Test func recordKeysFollowTheNamingRules() throws {
        let key = try RecordKey(
            validating: "hearing-items", record: "osaka-dx-2025/271004/A05/行1", field: "value.amount")
        #expect(key.description == "hearing-items/osaka-dx-2025/271004/A05/行1#value.amount")
        #expect(throws: ModelError.self) { try RecordKey(validating: "Answers", record: "r", field: "f") }
        #expect(throws: ModelError.self) { try RecordKey(validating: "1answers", record: "r", field: "f") }
        #expect(throws: ModelError.self) { try RecordKey(validating: "answers", record: "", field: "f") }
        #expect(throws: ModelError.self) { try RecordKey(validating: "answers", record: "a\nb", field: "f") }
        #expect(throws: ModelError.self) { try RecordKey(validating: "answers", record: "r", field: "f\u{85}") }
        #expect(throws: ModelError.self) {
            try RecordKey(validating: "answers", record: String(repeating: "あ", count: 86), field: "f")
        }
    }

    /// C0 controls, DEL and C1 controls (U+0080-009F, two bytes in UTF-8) are refused anywhere in
    /// a record or field; the characters around them in UTF-8 (U+00A0 on, any other lead byte)
    /// are not.
    @Test func recordKeysRefuseEveryControlCharacterAndNothingElse() {
        for control in ["\u{0}", "\u{1F}", "\u{7F}", "\u{80}", "\u{85}", "\u{9F}"] {
            for text in [control, "行\(control)", "r\(control)x", "大阪\(control)"] {
                #expect(throws: ModelError.self, "\(text.unicodeScalars.map(\.value))") {
                    try RecordKey(validating: "answers", record: text, field: "f")
                }
                #expect(throws: ModelError.self) { try RecordKey(validating: "answers", record: "r", field: text) }
            }
        }
        for text in ["\u{A0}", "é", "ÿ", "Ā", "\u{2028}", "🏯", "ｶﾅ", "~", " "] {
            #expect(throws: Never.self, "\(text.unicodeScalars.map(\.value))") {
                try RecordKey(validating: "answers", record: "r\(text)", field: "f\(text)")
            }
        }
    }

    @Test func errorMessagesNeverCarryRawControlCharacters() {
        let message = ModelError.invalidScope("x\ny\u{1b}[31m").description
        #expect(!message.contains("\n") && !message.contains("\u{1b}"))
    }
}
