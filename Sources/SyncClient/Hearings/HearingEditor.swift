import CommandLineSupport
import Foundation
import Localization
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
    /// Returns the fields whose values changed. `outputToStandardError`: the editor writes to
    /// standard error instead of standard output (which then holds only the command's `--json`).
    static func edit(record: ReplicaRecord, fields: [String], drafts: URL, outputToStandardError: Bool = false)
        throws -> [String: JSONValue]
    {
        let template = render(record: record, fields: fields)
        let file = try draft(for: record.id, in: drafts, text: template)
        let editor =
            ProcessInfo.processInfo.environment["VISUAL"] ?? ProcessInfo.processInfo.environment["EDITOR"] ?? "vi"
        // Through the shell, so that EDITOR may carry arguments (`code --wait`); in the terminal's
        // foreground, so that the editor can read it.
        let command = "\(editor) \"$1\"" + (outputToStandardError ? " >&2" : "")
        let status = try ForegroundProcess.run(["/bin/sh", "-c", command, "editor", file.path])
        guard status == 0 else {
            throw CommandFailure(localized("hearing.editor.failed", ["status": status, "file": file.path]))
        }
        let edited = try String(contentsOf: file, encoding: .utf8)
        let parsed: [String: String]
        do {
            parsed = try parse(edited, fields: fields)
        } catch let error as TemplateError {
            throw CommandFailure(
                localized("hearing.editor.mistake", ["message": error.message, "line": error.line, "file": file.path]),
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

    /// Writes the text to edit to `drafts/hearing-<id>.txt`, readable by this user only (it
    /// holds what was said in a hearing); a failed edit leaves it there to pick up again.
    static func draft(for id: String, in drafts: URL, text: String) throws -> URL {
        try FileManager.default.createDirectory(
            at: drafts, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = drafts.appendingPathComponent("hearing-\(id).txt")
        try? FileManager.default.removeItem(at: file)
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: file.path]) }
        return file
    }

    static func render(record: ReplicaRecord, fields: [String]) -> String {
        var text = localized("hearing.editor.header", ["id": record.id, "scope": record.scope])
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
                throw TemplateError(line: index + 1, message: localized("hearing.editor.expected"))
            }
            let field = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
            guard fields.contains(field) else {
                throw TemplateError(
                    line: index + 1, message: localized("hearing.editor.unknown", ["field": Printable.quoted(field)]))
            }
            guard result[field] == nil else {
                throw TemplateError(line: index + 1, message: localized("hearing.editor.twice", ["field": field]))
            }
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            if value == "|" {
                block = (field, [])
            } else {
                if field == "date", !value.isEmpty, !QuestionnaireItem.isISODate(value) {
                    throw TemplateError(line: index + 1, message: localized("hearing.editor.date"))
                }
                result[field] = value
            }
        }
        close()
        return result
    }
}
