import CommandLineSupport
import Localization
import Testing

@Suite struct CSVReaderTests {
    func parse(_ text: String) throws -> [CSVReader.Record] { try CSVReader.records(Array(text.utf8)) }

    @Test func quotedFieldsCRLFAndBOM() throws {
        let records = try CSVReader.records(
            [0xEF, 0xBB, 0xBF]
                + Array("item,value\r\nA02,\"情報政策課, DX室\"\r\nH01,\"1行目\n2行目\"\r\nA05,\"say \"\"hi\"\"\"\r\n".utf8))
        #expect(
            records.map(\.fields) == [
                ["item", "value"], ["A02", "情報政策課, DX室"], ["H01", "1行目\n2行目"], ["A05", "say \"hi\""],
            ])
        #expect(records.map(\.line) == [1, 2, 3, 5])
    }

    @Test func lfOnlyTrailingFieldsAndBlankLines() throws {
        #expect(try parse("a,b\n\nc,\n").map(\.fields) == [["a", "b"], ["c", ""]])
        #expect(try parse("a,b").map(\.fields) == [["a", "b"]])
    }

    @Test func brokenFilesNameTheLine() {
        #expect(throws: CSVReader.Failure(line: 2, reason: localized("csv.quote.open"))) {
            try parse("a,b\nc,\"open\n")
        }
        #expect(throws: CSVReader.Failure(line: 1, reason: localized("csv.text.after.quote"))) {
            try parse("\"a\"b,c\n")
        }
        #expect(throws: CSVReader.Failure.self) { try CSVReader.records([0x61, 0xFF, 0x0A]) }
    }
}
