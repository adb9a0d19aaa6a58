/// Reads the cells of every sheet of an .xlsx file (Office Open XML SpreadsheetML, as saved by
/// Excel, LibreOffice or openpyxl).
public enum WorkbookReader {
    /// Reads every sheet's cells from the bytes of an .xlsx file. All-or-nothing: throws on
    /// anything it cannot read (not a ZIP, encrypted, damaged, over `limits`, malformed XML), and
    /// never traps, whatever the bytes. Memory stays within about `limits.maxTotalBytes` plus
    /// the cells kept.
    public static func read(_ bytes: [UInt8], limits: WorkbookLimits = .standard) throws(WorkbookError) -> Workbook {
        var archive = try ZipArchive(bytes, limits: limits)
        let workbookPath = try officeDocument(in: &archive)
        guard let workbookXML = try archive.contents(of: workbookPath) else { throw .missingPart(workbookPath) }
        let workbook = try WorkbookPart(workbookXML, part: workbookPath)
        let relationshipsPath = Relationships.path(for: workbookPath)
        guard let relationshipsXML = try archive.contents(of: relationshipsPath) else {
            throw .missingPart(relationshipsPath)
        }
        let relationships = try Relationships(relationshipsXML, part: relationshipsPath, source: workbookPath)
        var sharedStrings: [String] = []
        if let shared = relationships.first(ofType: "sharedStrings") {
            guard let xml = try archive.contents(of: shared.target) else { throw .missingPart(shared.target) }
            sharedStrings = try SharedStringsPart.strings(xml, part: shared.target)
        }
        var cellCount = 0
        var sheets: [Sheet] = []
        for entry in workbook.sheets {
            guard let relationship = relationships.relationship(id: entry.relationshipID), !relationship.isExternal
            else {
                throw .corrupt(
                    entry: relationshipsPath, reason: "no part for sheet \(entry.name) (\(entry.relationshipID))")
            }
            guard let xml = try archive.contents(of: relationship.target) else {
                throw .missingPart(relationship.target)
            }
            let reader = WorksheetPart(
                part: relationship.target, sharedStrings: sharedStrings, maxCells: limits.maxCells)
            let cells = try reader.cells(xml, cellCount: &cellCount)
            sheets.append(Sheet(name: entry.name, isHidden: entry.isHidden, cells: cells))
        }
        return Workbook(sheets: sheets, uses1904Dates: workbook.uses1904Dates)
    }

    /// The workbook part named by the package relationships (`_rels/.rels`), or
    /// `xl/workbook.xml` when they name none.
    private static func officeDocument(in archive: inout ZipArchive) throws(WorkbookError) -> String {
        let fallback = "xl/workbook.xml"
        guard let xml = try archive.contents(of: "_rels/.rels") else { return fallback }
        let relationships = try Relationships(xml, part: "_rels/.rels", source: "")
        return relationships.first(ofType: "officeDocument")?.target ?? fallback
    }
}
