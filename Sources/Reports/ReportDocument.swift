import Foundation
import Models

/// Report tables in the formats people open: CSV (one file per table), XLSX (one sheet per
/// table), JSON (for scripts), Markdown (for notes and mail).
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv, xlsx, json, md
}

public enum ReportDocument {
    /// `{"title":…,"tables":[{"name","columns","rows":[[cell,…],…]}]}`; dates as `YYYY-MM-DD`,
    /// numbers as numbers, empty cells as null.
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
        case .decimal(let number): return .double(number)
        case .date: return .string(cell.text)
        case .empty: return .null
        }
    }

    /// A heading and one Markdown table per report table; `|` and line breaks in cells are
    /// escaped so no cell can break the table.
    public static func markdown(title: String, _ tables: [ReportTable]) -> String {
        var out = "# \(escape(title))\n"
        for table in tables {
            out += "\n## \(escape(table.name))\n\n"
            out += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: table.columns.count) + "\n"
            for row in table.rows { out += "| " + row.map { escape($0.text) }.joined(separator: " | ") + " |\n" }
            if table.rows.isEmpty { out += "\n（該当なし）\n" }
        }
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
            .replacingOccurrences(of: "\r", with: "<br>")
    }
}
