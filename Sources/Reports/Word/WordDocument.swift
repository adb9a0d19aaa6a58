/// A report as a Word document sees it: a title with lines under it (what, as of when, from
/// where), then blocks in order. `DOCXWriter` writes it; the report types build it.
public struct WordDocument: Sendable, Equatable {
    /// One block of the body.
    public enum Block: Sendable, Equatable {
        /// A section heading: level 1 is numbered `1.`, level 2 `1.1` (Word's own list
        /// numbering, so a person who inserts a section sees the rest renumbered); level 3 is
        /// not numbered (an FAQ's question).
        case heading(String, level: Int)
        /// A paragraph of body text; a line break in the text is a line break in the paragraph.
        case paragraph(String)
        /// A paragraph in a list with a bullet.
        case bullet(String)
        /// A small note (source, unit), in a smaller font.
        case note(String)
        /// A table: its columns as the header row, repeated on every page it runs over.
        case table(ReportTable)
    }

    public var title: String
    /// Lines under the title: 基準日, 作成日時, 出典.
    public var subtitle: [String]
    public var blocks: [Block]

    public init(title: String, subtitle: [String] = [], blocks: [Block] = []) {
        self.title = title
        self.subtitle = subtitle
        self.blocks = blocks
    }

    /// The document of a table report: each table a numbered section with its name as heading;
    /// an empty one says 該当なし.
    public init(title: String, subtitle: [String] = [], tables: [ReportTable]) {
        self.init(title: title, subtitle: subtitle)
        for table in tables {
            blocks.append(.heading(table.name, level: 1))
            blocks.append(table.rows.isEmpty ? .paragraph("（該当なし）") : .table(table))
        }
    }

    /// Whether the pages are turned to landscape: when a table has more columns than a portrait
    /// A4 page shows legibly.
    public var isLandscape: Bool {
        blocks.contains { block in
            if case .table(let table) = block { return table.columns.count > DOCXWriter.portraitColumns }
            return false
        }
    }
}
