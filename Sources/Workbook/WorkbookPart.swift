/// The workbook part (`xl/workbook.xml`): the sheets in tab order and the date system.
struct WorkbookPart {
    /// One `<sheet>` of `<sheets>`.
    struct SheetEntry {
        let name: String
        /// `state="hidden"` or `state="veryHidden"`.
        let isHidden: Bool
        /// The `r:id` naming the sheet's part in the workbook's relationships.
        let relationshipID: String
    }

    let sheets: [SheetEntry]
    /// `<workbookPr date1904="1">` (or `"true"`).
    let uses1904Dates: Bool

    /// Parses `bytes`, the workbook part named `part`.
    init(_ bytes: [UInt8], part: String) throws(WorkbookError) {
        var scanner = XMLScanner(bytes, part: part)
        var path: [String] = []
        var sheets: [SheetEntry] = []
        var uses1904Dates = false
        while let event = try scanner.next() {
            switch event {
            case .start(let element):
                path.append(element.localName)
                if path.count == 3 && path[1] == "sheets" && element.localName == "sheet" {
                    sheets.append(try Self.sheet(element, part: part))
                } else if path.count == 2 && element.localName == "workbookPr" {
                    uses1904Dates = try Self.flag(element.attribute("date1904"), part: part)
                }
            case .end:
                path.removeLast()
            case .text:
                continue
            }
        }
        self.sheets = sheets
        self.uses1904Dates = uses1904Dates
    }

    private static func sheet(_ element: XMLElement, part: String) throws(WorkbookError) -> SheetEntry {
        guard let name = element.attribute("name"), let id = element.attribute("id") else {
            throw .corrupt(entry: part, reason: "a sheet without a name or r:id")
        }
        let isHidden: Bool
        switch element.attribute("state") {
        case nil, "visible": isHidden = false
        case "hidden", "veryHidden": isHidden = true
        case let state?: throw .corrupt(entry: part, reason: "sheet \(name) has the unknown state \(state)")
        }
        return SheetEntry(name: name, isHidden: isHidden, relationshipID: id)
    }

    /// An xsd:boolean attribute, false when absent.
    private static func flag(_ value: String?, part: String) throws(WorkbookError) -> Bool {
        switch value {
        case nil, "0", "false": return false
        case "1", "true": return true
        case let value?: throw .corrupt(entry: part, reason: "date1904 is \(value), not a boolean")
        }
    }
}
