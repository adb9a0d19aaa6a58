import Foundation
import Localization
import Models

/// Report tables in the formats people open: CSV (one file per table), XLSX (one sheet per
/// table), JSON (for scripts), Markdown (for notes and mail), DOCX (a Word document to edit and
/// hand over).
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv, xlsx, json, md, docx

    /// The formats as a usage message lists them: `csv, xlsx, json, md or docx`.
    public static var listed: String {
        let list = allCases.dropLast().map(\.rawValue).joined(separator: localized("report.list.separator"))
        return localized("report.formats.listed", ["list": list, "last": allCases.last?.rawValue ?? ""])
    }

    /// Whether files of this format are binary (not for a terminal).
    public var isBinary: Bool { self == .xlsx || self == .docx }
}

public enum ReportDocument {
    /// `{"title":…,"tables":[{"name","columns","rows":[[cell,…],…]}]}`; dates as `YYYY-MM-DD`,
    /// numbers as numbers, empty cells as null. A number JSON cannot carry exactly (a total
    /// past `Int64`, or a computed NaN or infinity) is its text as a string, so no digit is lost
    /// and nothing traps.
    public static func json(title: String, _ tables: [ReportTable]) -> [UInt8] {
        let value: JSONValue = [
            "title": .string(title),
            "tables": .array(
                tables.map { table in
                    [
                        "name": .string(table.name), "columns": .array(table.columns.map(JSONValue.string)),
                        "rows": .array(table.rows.map { .array($0.map(json)) }),
                    ]
                }),
        ]
        return value.canonicalBytes + [0x0A]
    }

    static func json(_ cell: ReportCell) -> JSONValue {
        switch cell {
        case .text(let text): return .string(text)
        case .integer(let number): return .integer(number)
        case .decimal(let number): return number.isFinite ? .double(number) : .string(cell.text)
        case .bigInteger: return .string(cell.text)
        case .date: return .string(cell.text)
        case .empty: return .null
        }
    }

    /// A heading and one Markdown table per report table. Every title, name, header and cell
    /// goes through `MarkdownText.escaped`: no cell can break the table or bring HTML, links or
    /// formatting of its own.
    public static func markdown(title: String, _ tables: [ReportTable]) -> String {
        var out = "# \(MarkdownText.escaped(title))\n"
        for table in tables {
            out += "\n## \(MarkdownText.escaped(table.name))\n\n"
            out += MarkdownText.table(table.columns, table.rows.map { $0.map(\.text) })
            if table.rows.isEmpty { out += "\n（該当なし）\n" }
        }
        return out
    }
}
