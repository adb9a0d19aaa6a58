import Testing

@testable import SyncClient

@Suite struct HearingEditorTests {
    let fields = ["date", "place", "summary"]

    @Test func parsesSingleLineAndBlockFields() throws {
        let text = "# comment\ndate: 2025-06-12\nplace: 大阪市役所\nsummary: |\n  一行目\n\n  三行目\n"
        let parsed = try HearingEditor.parse(text, fields: fields)
        #expect(parsed == ["date": "2025-06-12", "place": "大阪市役所", "summary": "一行目\n\n三行目"])
    }

    @Test func mistakesNameTheLine() {
        for (text, line) in [
            ("date: 2025-06-12\ncolour: red\n", 2), ("place: a\nplace: b\n", 2), ("just text\n", 1),
            ("date: 12/06/2025\n", 1),
        ] {
            #expect {
                try HearingEditor.parse(text, fields: fields)
            } throws: { error in
                (error as? HearingEditor.TemplateError)?.line == line
            }
        }
    }
}
