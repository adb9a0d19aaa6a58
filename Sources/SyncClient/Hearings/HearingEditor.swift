import CommandLineSupport
import Foundation
import Models

/// Edits a hearing in `$EDITOR` on a readable template and parses it back strictly:
///
///     # Lines starting with # are ignored.
///     date: 2025-06-12
///     place: 大阪市役所
///     summary: |
///       何行でも書けます。
///       二行目。
///
/// `field: value` for one line, `field: |` followed by lines indented by two spaces for several.
/// On a mistake the edited text is kept in a file and the error says where it is and which line.
enum HearingEditor {
    /// Returns the fields whose values changed.
    static func edit(record: ReplicaRecord, fields: [String]) throws -> [String: JSONValue] {
        let template = render(record: record, fields: fields)
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("renkei-hearing-\(record.id).txt")
        try template.write(to: file, atomically: true, encoding: .utf8)
        let editor =
            ProcessInfo.processInfo.environment["VISUAL"] ?? ProcessInfo.processInfo.environment["EDITOR"] ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "editor", file.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(
                "the editor exited with status \(process.terminationStatus); nothing was changed (your text: \(file.path))"
            )
        }
        let edited = try String(contentsOf: file, encoding: .utf8)
        let parsed: [String: String]
        do {
            parsed = try parse(edited, fields: fields)
        } catch let error as TemplateError {
            throw CommandFailure(
                "\(error.message) at line \(error.line); nothing was changed. Your text is kept in \(file.path)",
                status: .dataError)
        }
        try? FileManager.default.removeItem(at: file)
        var changes: [String: JSONValue] = [:]
        for field in fields {
            let new = parsed[field] ?? ""
            if new != record.text(field) {
                changes[field] = new.isEmpty ? .null : .string(new.precomposedStringWithCanonicalMapping)
            }
        }
        return changes
    }

    static func render(record: ReplicaRecord, fields: [String]) -> String {
        var text = "# Renkei hearing \(record.id) (\(record.scope)). Lines starting with # are ignored.\n"
        text += "# One line: `field: value`. Several lines: `field: |` then lines indented by two spaces.\n"
        for field in fields {
            let value =
                record.fields[field].flatMap { value -> String? in
                    if case .string(let text) = value { return text }
                    return nil
                } ?? ""
            if value.contains("\n") {
                text +=
                    "\(field): |\n"
                    + value.split(separator: "\n", omittingEmptySubsequences: false).map { "  \($0)" }.joined(
                        separator: "\n") + "\n"
            } else {
                text += "\(field): \(value)\n"
            }
        }
        return text
    }

    struct TemplateError: Error {
        let line: Int
        let message: String
    }

    /// Parses the template back; unknown fields, repeated fields and stray lines are errors.
    static func parse(_ text: String, fields: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        var block: (field: String, lines: [String])?
        func close() {
            if let block { result[block.field] = block.lines.joined(separator: "\n").trimmingCharacters(in: .newlines) }
            block = nil
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            if block != nil {
                if line.hasPrefix("  ") {
                    block!.lines.append(String(line.dropFirst(2)))
                    continue
                }
                if line.isEmpty {
                    block!.lines.append("")
                    continue
                }
                close()
            }
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw TemplateError(line: index + 1, message: "expected `field: value`")
            }
            let field = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            guard fields.contains(field) else {
                throw TemplateError(line: index + 1, message: "unknown field \(Printable.quoted(field))")
            }
            guard result[field] == nil else { throw TemplateError(line: index + 1, message: "\(field) appears twice") }
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if value == "|" {
                block = (field, [])
            } else {
                if field == "date", !value.isEmpty, !QuestionnaireItem.isISODate(value) {
                    throw TemplateError(line: index + 1, message: "date must be YYYY-MM-DD")
                }
                result[field] = value
            }
        }
        close()
        return result
    }
}
