import Foundation
import Models
import TestSupport
import Testing

/// The report workbooks as they print and as they draw: the survey report of all 43
/// municipalities converted by LibreOffice fits a few landscape pages per sheet, and the charts
/// the progress, comparison and systems reports carry are native Excel charts that LibreOffice
/// draws. `RENKEI_KEEP_RENDERINGS=DIR` keeps the files and page images there to look at.
@Suite(.serialized) struct PrintReadyWorkbookTests {
    /// The parts of an XLSX file (`xl/charts/chart1.xml`, …).
    static func parts(_ path: String) throws -> [String] {
        try Python.run(
            "import sys, zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", [path]
        ).split(separator: "\n").map(String.init)
    }

    /// Each page's count of pixels in a chart's blue (the prefecture's series, `4472C4`), from
    /// pages rendered as PPM (no image library needed to read them).
    static func bluePixels(_ pdf: String) throws -> [Int] {
        let prefix = pdf + "-ppm"
        let rendered = try CommandRunner.run("/usr/bin/pdftoppm", ["-r", "40", pdf, prefix])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let output = try Python.run(
            """
            import glob, sys
            counts = []
            for path in sorted(glob.glob(sys.argv[1] + "*.ppm")):
                data = open(path, "rb").read()
                # P6 header: magic, width, height, maximum, each after whitespace.
                fields, at = [], 0
                while len(fields) < 4:
                    while data[at:at+1].isspace(): at += 1
                    start = at
                    while not data[at:at+1].isspace(): at += 1
                    fields.append(data[start:at])
                pixels = data[at+1:]
                blue = 0
                for i in range(0, len(pixels) - 2, 3):
                    r, g, b = pixels[i], pixels[i+1], pixels[i+2]
                    if abs(r - 0x44) < 24 and abs(g - 0x72) < 24 and abs(b - 0xC4) < 24: blue += 1
                counts.append(blue)
            print(" ".join(map(str, counts)))
            """, [prefix])
        return output.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @Test func theSurveyReportPrintsOnAFewPagesPerSheet() throws {
        let round = try ReportGoldenTests.fixedRound()
        let path = round.directory.path("調査結果.xlsx")
        let written = try round.prefecture.run([
            "report", "survey", SurveyEndToEndTests.survey, "--format", "xlsx", "-o", path,
        ])
        #expect(written.status == 0, "\(written.stderr)")
        let sheets = try Self.parts(path).filter { $0.hasPrefix("xl/worksheets/sheet") }.count
        let pdf = try OfficeRendering.pdf(of: path, in: round.directory)
        let pages = try OfficeRendering.pageCount(pdf)
        // The main sheet (43 rows, about 100 columns) is a few pages wide; each table item's sheet
        // one or two. Before the print layout: 41 portrait pages for the main sheet alone.
        #expect(pages <= 4 + 2 * (sheets - 1), "\(pages) pages for \(sheets) sheets")
        try OfficeRendering.keep([path, pdf] + OfficeRendering.pages(of: pdf))
        // What prints on every page: the header rows and the code and name columns.
        let setup = try Python.run(
            """
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
            print(ws.print_title_rows, ws.print_title_cols, ws.page_setup.orientation, ws.page_setup.paperSize,
                  ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.fitToHeight, ws["A1"].font.b, ws.oddFooter.right.text)
            """, [path])
        #expect(setup.hasPrefix("$6:$7 $A:$B landscape 9 True 0 True &P / &N"), "\(setup)")
    }

    @Test func theReportsCarryNativeChartsThatLibreOfficeDraws() throws {
        let round = try ReportGoldenTests.fixedRound()
        let survey = SurveyEndToEndTests.survey
        for (name, arguments, chartCount) in [
            ("進捗.xlsx", ["report", "progress", survey, "--compare", "national"], 2),
            ("システム.xlsx", ["report", "systems", survey], 1),
        ] {
            let path = round.directory.path(name)
            let written = try round.prefecture.run(arguments + ["--format", "xlsx", "-o", path])
            #expect(written.status == 0, "\(written.stderr)")
            let parts = try Self.parts(path)
            #expect(parts.filter { $0.hasPrefix("xl/charts/chart") }.count == chartCount, "\(name): \(parts)")
            #expect(parts.filter { $0.hasPrefix("xl/drawings/drawing") && $0.hasSuffix(".xml") }.count == chartCount)
            let pdf = try OfficeRendering.pdf(of: path, in: round.directory)
            let blue = try Self.bluePixels(pdf)
            try OfficeRendering.keep([path, pdf] + OfficeRendering.pages(of: pdf))
            // The tables have no blue at all: blue on a page is a chart LibreOffice drew.
            #expect(blue.filter { $0 > 200 }.count >= chartCount, "\(name): blue pixels per page \(blue)")
        }
        // The chart's series refer to the table's cells, with the values cached.
        let chart = try Python.run(
            "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('xl/charts/chart1.xml').decode())",
            [round.directory.path("進捗.xlsx")])
        #expect(chart.contains("<c:f>'進捗'!$B$") && chart.contains("<c:f>'進捗'!$D$"), "names and rates")
        #expect(chart.contains("<c:barDir val=\"bar\"/>") && chart.contains("<c:max val=\"100.0\"/>"))
    }
}
