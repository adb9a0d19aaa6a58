/// The title block at the top of every sheet of a report workbook (and under a Word report's
/// title): what the report is, and lines saying as of when and from where (`基準日：…`,
/// `出典：…`, `作成：…`).
public struct ReportHeading: Sendable, Equatable {
    public var title: String
    public var lines: [String]

    public init(title: String, lines: [String] = []) {
        self.title = title
        self.lines = lines
    }
}
