import Testing
import Workbook

/// A1 references and Excel date serials.
@Suite struct CellReferenceTests {
    @Test func parsesAndPrintsA1References() throws {
        for (text, column, row) in [
            ("A1", 1, 1), ("B3", 2, 3), ("Z9", 26, 9), ("AA10", 27, 10), ("XFD1048576", 16_384, 1_048_576),
        ] {
            let reference = try #require(CellReference(text))
            #expect(reference.column == column && reference.row == row)
            #expect(reference.description == text)
        }
        for text in ["", "A", "1", "A0", "A01", "a1", "XFE1", "A1048577", "AAAA1", "B3 ", "$B$3", "1A", "B-3", "Ａ1"] {
            #expect(CellReference(text) == nil, "\(text)")
        }
    }

    @Test func columnNamesRoundTrip() {
        #expect(CellReference.columnName(1) == "A")
        #expect(CellReference.columnName(26) == "Z")
        #expect(CellReference.columnName(27) == "AA")
        #expect(CellReference.columnName(52) == "AZ")
        #expect(CellReference.columnName(53) == "BA")
        #expect(CellReference.columnName(702) == "ZZ")
        #expect(CellReference.columnName(703) == "AAA")
        #expect(CellReference.columnName(16_384) == "XFD")
        #expect(CellReference.columnName(0) == "")
        for column in 1...CellReference.maxColumn {
            #expect(CellReference(CellReference.columnName(column) + "1")?.column == column)
        }
    }

    @Test func referencesSortInReadingOrder() throws {
        let sorted = ["B2", "A1", "A2", "AA1", "B1"].compactMap(CellReference.init).sorted().map(\.description)
        #expect(sorted == ["A1", "B1", "AA1", "A2", "B2"])
    }

    @Test func dateSerialsFollowExcel() {
        func date(_ serial: Double, _ uses1904: Bool = false) -> String? {
            Workbook.date(fromSerial: serial, uses1904: uses1904).map { "\($0.year)-\($0.month)-\($0.day)" }
        }
        #expect(date(45748) == "2025-4-1")
        #expect(date(45748.999) == "2025-4-1")
        #expect(date(1) == "1900-1-1")
        #expect(date(59) == "1900-2-28")
        #expect(date(60) == nil, "Excel's 1900-02-29 never was")
        #expect(date(61) == "1900-3-1")
        #expect(date(36526) == "2000-1-1")
        #expect(date(2_958_465) == "9999-12-31")
        #expect(date(2_958_466) == nil)
        for serial in [0, 0.5, -1, .nan, .infinity, -.infinity, 1e300] { #expect(date(serial) == nil) }
        #expect(date(0, true) == "1904-1-1")
        #expect(date(44286, true) == "2025-4-1")
        #expect(date(-1, true) == nil)
    }
}
