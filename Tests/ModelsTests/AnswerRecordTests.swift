import Models
import Testing

/// The answers record layout: three or four non-empty parts, nothing else.
@Suite struct AnswerRecordTests {
    @Test func recordsOfThreeOrFourNonEmptyPartsAreParsed() {
        let item = AnswerRecord(parsing: "osaka-dx-2025/271004/B07")
        #expect(item == AnswerRecord(survey: "osaka-dx-2025", municipality: "271004", item: "B07"))
        #expect(item?.record == "osaka-dx-2025/271004/B07")
        let row = AnswerRecord(parsing: "調査/271403/D01/r1")
        #expect(row == AnswerRecord(survey: "調査", municipality: "271403", item: "D01", row: "r1"))
        #expect(row?.record == "調査/271403/D01/r1")
    }

    @Test func anythingElseIsRefused() {
        for record in [
            "", "/", "a", "a/b", "a/b/", "/a/b", "a//b", "a/b/c/", "a/b/c/d/e", "a/b/c/d/", "//", "///", "a/b//d",
        ] {
            #expect(AnswerRecord(parsing: record) == nil, "\(record)")
        }
    }
}
