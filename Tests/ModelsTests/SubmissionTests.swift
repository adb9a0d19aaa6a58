import Models
import Testing

/// The submission state's value and its rules, read strictly.
@Suite struct SubmissionTests {
    let osaka = try! MunicipalityCode(validating: "271004")

    @Test func aReturnNeedsAReadableCommentOfBoundedLength() throws {
        func returned(_ comment: String) throws -> Submission {
            try Submission(json: ["state": "returned", "comment": .string(comment)])
        }
        #expect(try returned("D04 を確認してください\n（千円単位）").comment == "D04 を確認してください\n（千円単位）")
        #expect(throws: ModelError.self) { try returned("   \n") }
        #expect(throws: ModelError.self, "zero-width spaces only") { try returned("\u{200B}\u{200B}") }
        #expect(throws: ModelError.self, "a control character") { try returned("a\u{07}b") }
        // 2,000 characters, but 30,000 scalars: the limit counts scalars.
        #expect(throws: ModelError.self) {
            try returned(String(repeating: "a" + String(repeating: "\u{0301}", count: 14), count: 2000))
        }
        #expect(try returned(String(repeating: "あ", count: 2000)).comment?.count == 2000)
        #expect(throws: ModelError.self) { try returned(String(repeating: "あ", count: 2001)) }
        #expect(throws: ModelError.self, "a submission has no comment") {
            try Submission(json: ["state": "submitted", "comment": "x"])
        }
        #expect(throws: ModelError.self) { try Submission(json: ["state": "submitted", "by": "advisor"]) }
    }

    @Test func whoMayMoveWhichState() {
        let staff = Grant(role: .staff, municipality: osaka)
        let otherStaff = Grant(role: .staff, municipality: try! MunicipalityCode(validating: "271403"))
        let advisor = Grant(role: .advisor, municipality: nil)
        let entering = Grant(role: .advisor, municipality: nil, onBehalf: [osaka])
        let submitted = Submission(state: .submitted)
        let returned = Submission(state: .returned, comment: "x")
        #expect(submitted.refusal(from: nil, by: staff, for: osaka) == nil)
        #expect(submitted.refusal(from: returned, by: staff, for: osaka) == nil)
        #expect(submitted.refusal(from: submitted, by: staff, for: osaka) != nil, "twice")
        #expect(submitted.refusal(from: nil, by: otherStaff, for: osaka) != nil)
        #expect(submitted.refusal(from: nil, by: advisor, for: osaka) != nil)
        #expect(submitted.refusal(from: nil, by: entering, for: osaka) == nil)
        #expect(returned.refusal(from: submitted, by: advisor, for: osaka) == nil)
        #expect(returned.refusal(from: submitted, by: staff, for: osaka) != nil)
        #expect(returned.refusal(from: nil, by: advisor, for: osaka) != nil, "nothing submitted")
        #expect(returned.refusal(from: returned, by: advisor, for: osaka) != nil)
    }
}
