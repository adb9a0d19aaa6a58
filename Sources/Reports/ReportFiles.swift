import Foundation
import Localization

/// Writes report tables where and how the user asked: to the file `output` (CSV: one file per
/// table, beside it), or to standard output when it is nil (CSV: the first table only; a note on
/// standard error names the others). Whether standard output may take a binary file (XLSX) is
/// the command's to decide (`writesBinaryToStandardOutput`). A Word file is the tables as
/// numbered sections (`WordDocument(title:tables:)`) unless the report writes its own document
/// (`write(_:)`).
public struct ReportFiles {
    public let format: ReportFormat
    public let encoding: TextEncoder
    public let output: String?
    /// Whether a file written is said on standard output (`report.wrote`); off for a command
    /// that prints its own result (`--json`).
    public var announces = true

    public init(format: ReportFormat, encoding: TextEncoder, output: String?) {
        self.format = format
        self.encoding = encoding
        self.output = output
    }

    /// Whether `write` puts a binary file (XLSX, DOCX) on standard output: a command refuses
    /// that when standard output is a terminal.
    public var writesBinaryToStandardOutput: Bool { format.isBinary && output == nil }

    /// Writes `tables` in `format` (`title` heads the JSON and Markdown documents; in a workbook
    /// or Word file, `title` and the `about` lines — 基準日, 出典 — with the time it was made form
    /// the title block); when it writes files, it says which on standard output (`announces`).
    ///
    /// - Returns: The files written (none: standard output).
    /// - Throws: `ReportFileError`; nothing was written then (CSV encodes every table first).
    @discardableResult
    public func write(title: String, _ tables: [ReportTable], about: [String] = []) throws(ReportFileError)
        -> [String]
    {
        let heading = ReportHeading(title: title, lines: about + [ReportClock.producedLine()])
        switch format {
        case .xlsx:
            guard let output else {
                Self.standardOutput(XLSXWriter.bytes(tables, heading: heading))
                return []
            }
            try save(XLSXWriter.bytes(tables, heading: heading), to: output)
            if announces { print(localized("report.wrote.sheets", ["path": output, "count": tables.count])) }
            return [output]
        case .docx: return try write(WordDocument(title: title, subtitle: heading.lines, tables: tables))
        case .json: return try emit(ReportDocument.json(title: title, tables))
        case .md: return try emit(Array(ReportDocument.markdown(title: title, tables).utf8))
        case .csv:
            var encoded: [[UInt8]] = []
            do throws(EncodingError) {
                for table in tables { encoded.append(try CSVWriter.bytes(table, encoding: encoding)) }
            } catch {
                throw .unencodable(error)
            }
            guard let output else {
                Self.standardOutput(encoded[0])
                if tables.count > 1 {
                    let others = tables.dropFirst().map(\.name).joined(separator: localized("report.list.separator"))
                    let note =
                        localized("report.csv.more.tables", ["count": tables.count - 1, "names": others]) + "\n"
                    FileHandle.standardError.write(Data(note.utf8))
                }
                return []
            }
            var written: [String] = []
            for (index, table) in tables.enumerated() {
                let path = index == 0 ? output : Self.sibling(of: output, suffix: table.name)
                try save(encoded[index], to: path)
                written.append(path)
            }
            if announces {
                print(
                    localized("report.wrote", ["path": written.joined(separator: localized("report.list.separator"))]))
            }
            return written
        }
    }

    /// Writes a Word document (`DOCXWriter`) to `output` or standard output.
    @discardableResult
    public func write(_ document: WordDocument) throws(ReportFileError) -> [String] {
        try emit(DOCXWriter.bytes(document))
    }

    /// Text output (Markdown) in UTF-8 without a byte order mark.
    @discardableResult
    public func emitText(_ text: String) throws(ReportFileError) -> [String] { try emit(Array(text.utf8)) }

    private func emit(_ bytes: [UInt8]) throws(ReportFileError) -> [String] {
        guard let output else {
            Self.standardOutput(bytes)
            return []
        }
        try save(bytes, to: output)
        if announces { print(localized("report.wrote", ["path": output])) }
        return [output]
    }

    /// Writes bytes to standard output as they are.
    private static func standardOutput(_ bytes: [UInt8]) { FileHandle.standardOutput.write(Data(bytes)) }

    /// `out/調査.csv` + `D01 契約` -> `out/調査-D01.csv` (the item id; safe on every system).
    static func sibling(of path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let id = suffix.split(separator: " ").first.map(String.init) ?? suffix
        let safe = String(id.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        return url.deletingLastPathComponent().appendingPathComponent(
            "\(stem)-\(safe).\(url.pathExtension.isEmpty ? "csv" : url.pathExtension)"
        ).path
    }

    /// Writes next to the target and renames, so a report is never half written.
    private func save(_ bytes: [UInt8], to path: String) throws(ReportFileError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
