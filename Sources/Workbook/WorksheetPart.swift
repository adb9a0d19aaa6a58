/// A worksheet part (`xl/worksheets/sheet1.xml`): the non-empty cells of `<sheetData>`.
/// Formulas (`<f>`) are ignored and their cached value (`<v>`) kept. A `<row>` without `r` is
/// the row after the previous one, a `<c>` without `r` the column after the previous cell in
/// its row.
struct WorksheetPart {
    /// The cell being read: where it is, its `t` attribute and the text seen so far.
    private struct Draft {
        let reference: CellReference
        let type: String
        var value: String? = nil
        var inline: String? = nil
    }

    private let part: String
    private let sharedStrings: [String]
    private let maxCells: Int

    /// A reader of the worksheet part named `part`; `t="s"` cells index `sharedStrings`, and the
    /// workbook may hold `maxCells` non-empty cells in all.
    init(part: String, sharedStrings: [String], maxCells: Int) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.maxCells = maxCells
    }

    /// The cells of `bytes`; `cellCount` is the number of cells already read from other sheets
    /// and grows by this sheet's.
    func cells(_ bytes: [UInt8], cellCount: inout Int) throws(WorkbookError) -> [CellReference: CellValue] {
        var scanner = XMLScanner(bytes, part: part)
        var path: [String] = []
        var cells: [CellReference: CellValue] = [:]
        var row = 0
        var column = 0
        var draft: Draft? = nil
        while let event = try scanner.next() {
            switch event {
            case .start(let element):
                path.append(element.localName)
                guard path.count >= 3, path[1] == "sheetData", path[2] == "row" else { continue }
                if path.count == 3 {
                    row = try rowNumber(element.attribute("r"), after: row)
                    column = 0
                } else if path.count == 4 && element.localName == "c" {
                    let reference = try cellReference(element.attribute("r"), row: row, after: column)
                    column = reference.column
                    draft = Draft(reference: reference, type: element.attribute("t") ?? "n")
                } else if path.count == 5 && path[3] == "c" && element.localName == "v" {
                    if draft?.value == nil { draft?.value = "" }
                } else if path.count == 5 && path[3] == "c" && element.localName == "is" {
                    if draft?.inline == nil { draft?.inline = "" }
                }
            case .end:
                if path.count == 4 && path[2] == "row" && path[3] == "c", let finished = draft {
                    draft = nil
                    if let value = try value(of: finished) {
                        guard cells.updateValue(value, forKey: finished.reference) == nil else {
                            throw .corrupt(entry: part, reason: "two cells at \(finished.reference)")
                        }
                        cellCount += 1
                        guard cellCount <= maxCells else { throw .tooManyCells }
                    }
                }
                path.removeLast()
            case .text(let text):
                guard path.count >= 5, path[1] == "sheetData", path[3] == "c" else { continue }
                if path.count == 5 && path[4] == "v" {
                    draft?.value? += text
                } else if path[4] == "is"
                    && ((path.count == 6 && path[5] == "t") || (path.count == 7 && path[5] == "r" && path[6] == "t"))
                {
                    draft?.inline? += text
                }
            }
        }
        return cells
    }

    /// The row of a `<row>`: its `r` (1 to 1,048,576) or the row after `previous`.
    private func rowNumber(_ attribute: String?, after previous: Int) throws(WorkbookError) -> Int {
        let number = attribute.map { Int($0) } ?? previous + 1
        guard let number, (1...CellReference.maxRow).contains(number) else {
            throw .corrupt(entry: part, reason: "a row numbered \(attribute ?? String(previous + 1))")
        }
        return number
    }

    /// The address of a `<c>`: its `r`, or the column after `previous` in `row`.
    private func cellReference(_ attribute: String?, row: Int, after previous: Int) throws(WorkbookError)
        -> CellReference
    {
        if let attribute {
            guard let reference = CellReference(attribute) else {
                throw .corrupt(entry: part, reason: "a cell at \(attribute), not a cell reference")
            }
            return reference
        }
        guard previous < CellReference.maxColumn, row >= 1 else {
            throw .corrupt(entry: part, reason: "a cell without r after the last column")
        }
        return CellReference(column: previous + 1, row: row)
    }

    /// What a finished cell holds, or nil when it holds nothing.
    private func value(of draft: Draft) throws(WorkbookError) -> CellValue? {
        let place = "\(draft.reference)"
        if draft.type == "inlineStr", let inline = draft.inline { return .text(SpreadsheetText.unescape(inline)) }
        guard let value = draft.value else { return nil }
        switch draft.type {
        case "str", "inlineStr":
            return .text(SpreadsheetText.unescape(value))
        case _ where value.isEmpty:
            return nil
        case "s":
            guard let index = Int(value), index >= 0, index < sharedStrings.count else {
                throw .corrupt(
                    entry: part, reason: "\(place) refers to shared string \(value) of \(sharedStrings.count)")
            }
            return .text(sharedStrings[index])
        case "n":
            guard SpreadsheetText.isNumber(value) else {
                throw .corrupt(entry: part, reason: "\(place) holds \(value), not a number")
            }
            return .number(value)
        case "b":
            switch value {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            default: throw .corrupt(entry: part, reason: "\(place) holds \(value), not a boolean")
            }
        case "e":
            return .error(value)
        case "d":
            return .isoDate(value)
        default:
            throw .corrupt(entry: part, reason: "\(place) has the unknown type \(draft.type)")
        }
    }
}
