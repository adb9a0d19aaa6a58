import Testing
import Workbook

/// What a clerk reads when the file is refused.
@Suite struct WorkbookErrorTests {
    @Test func everyDescriptionIsOneLineJapaneseThenEnglish() {
        let errors: [WorkbookError] = [
            .notAZip, .legacyFormat, .encrypted, .zip64, .unsupportedCompression(entry: "xl/workbook.xml", method: 12),
            .tooManyEntries, .tooLarge(entry: "xl/worksheets/sheet1.xml"),
            .corrupt(entry: "", reason: "a split (multi-disk) archive"),
            .corrupt(entry: "xl/worksheets/sheet1.xml", reason: "two cells at A1"), .missingPart("xl/workbook.xml"),
            .malformedXML(part: "xl/sharedStrings.xml", offset: 120, reason: "an undefined entity &nbsp;"),
            .tooManyCells,
        ]
        for error in errors {
            let text = error.description
            #expect(!text.contains("\n"), "\(text)")
            let halves = text.components(separatedBy: " / ")
            #expect(halves.count >= 2, "\(text)")
            #expect(halves.first?.unicodeScalars.contains { $0.value >= 0x3000 } == true, "Japanese first: \(text)")
            #expect(halves.last?.unicodeScalars.allSatisfy { $0.isASCII } == true, "English last: \(text)")
        }
        #expect(
            WorkbookError.malformedXML(part: "xl/workbook.xml", offset: 21, reason: "a DOCTYPE declaration").description
                == "xl/workbook.xml の XML が読めません（21 バイト目） / xl/workbook.xml is not readable XML at byte 21: a DOCTYPE declaration"
        )
    }
}
