import CommandLineSupport
import Foundation

/// Writes report tables where and how the user asked.
public struct ReportFiles {
    public let format: ReportFormat
    public let encoding: TextEncoder
    public let output: String?

    public init(format: ReportFormat, encoding: TextEncoder, output: String?) {
        self.format = format
        self.encoding = encoding
        self.output = output
    }

    public func write(title: String, _ tables: [ReportTable]) throws {
        switch format {
        case .xlsx:
            guard let output else {
                guard !Terminal.outputIsTerminal else {
                    throw UsageError("an XLSX file is not for the terminal: give -o FILE.xlsx")
                }
                Terminal.write(XLSXWriter.bytes(tables))
                return
            }
            try save(XLSXWriter.bytes(tables), to: output)
            print("Wrote \(output) (\(tables.count) sheet(s)).")
        case .json: try emit(ReportDocument.json(title: title, tables))
        case .md: try emit(Array(ReportDocument.markdown(title: title, tables).utf8))
        case .csv:
            let encoded: [[UInt8]]
            do { encoded = try tables.map { try CSVWriter.bytes($0, encoding: encoding) } } catch let error
                as EncodingError
            {
                throw CommandFailure("\(error); nothing was written", status: .dataError)
            }
            guard let output else {
                Terminal.write(encoded[0])
                if tables.count > 1 {
                    Terminal.printError(
                        "\(tables.count - 1) more table(s) (\(tables.dropFirst().map(\.name).joined(separator: ", "))): give -o FILE.csv to write them too"
                    )
                }
                return
            }
            var written: [String] = []
            for (index, table) in tables.enumerated() {
                let path = index == 0 ? output : Self.sibling(of: output, suffix: table.name)
                try save(encoded[index], to: path)
                written.append(path)
            }
            print("Wrote \(written.joined(separator: ", ")).")
        }
    }

    /// Text output (Markdown) in UTF-8 without a byte order mark.
    public func emitText(_ text: String) throws { try emit(Array(text.utf8)) }

    private func emit(_ bytes: [UInt8]) throws {
        if let output {
            try save(bytes, to: output)
            print("Wrote \(output).")
        } else {
            Terminal.write(bytes)
        }
    }

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
    private func save(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)", status: .failure)
        }
    }
}
