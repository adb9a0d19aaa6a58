import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

extension AdminCommand {
    static func verifyAudit(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        try arguments.finish()
        let access = try data.openStore(create: false).access
        switch try access.verifyAudit() {
        case .intact(let entries, let head):
            print(localized("admin.audit.intact", ["entries": entries, "head": head]))
        case .broken(let sequence, let reason):
            throw CommandFailure(
                localized("admin.audit.tampered", ["sequence": sequence, "reason": reason]), status: .dataError)
        }
    }

    static func showAudit(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let sinceText = try arguments.option(ServerOptions.since)
        let user = try arguments.option(ServerOptions.user)
        let json = arguments.flag(ServerOptions.json)
        let csv = arguments.flag(ServerOptions.csv)
        try arguments.finish()
        guard !(json && csv) else { throw UsageError(localized("admin.audit.json.or.csv")) }
        var since: Int64 = 0
        if let sinceText {
            guard let day = AuditFormat.day(sinceText) else { throw UsageError(localized("admin.audit.since.invalid")) }
            since = day
        }
        let records = try data.openStore(create: false).access.auditRecords(since: since, user: user)
        if json {
            print(JSONValue.array(records.map(AuditFormat.json)).canonicalText)
        } else if csv {
            Terminal.write(AuditFormat.csv(records))
        } else {
            for record in records { print(AuditFormat.line(record)) }
            if records.isEmpty { print(localized("admin.audit.none")) }
        }
    }
}

/// How audit entries are shown: text lines where nothing a user wrote can break or forge a
/// line (values quoted, control characters escaped), JSON, and CSV for Excel.
enum AuditFormat {
    static func time(_ milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000).formatted(.iso8601)
    }

    /// Unix milliseconds of `YYYY-MM-DD` at 00:00 UTC.
    static func day(_ text: String) -> Int64? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let date = formatter.date(from: text) else { return nil }
        return Int64(date.timeIntervalSince1970 * 1000)
    }

    static func line(_ record: AuditRecord) -> String {
        let entry = record.entry
        return [
            "\(record.sequence)", time(record.at), "user=\(Printable.quoted(entry.user))",
            "replica=\(entry.replica.isEmpty ? "-" : entry.replica)", "from=\(Printable.quoted(entry.peer))",
            "action=\(Printable.quoted(entry.action))", Printable.quoted(entry.detail, limit: 400),
        ].joined(separator: "  ")
    }

    static func json(_ record: AuditRecord) -> JSONValue {
        [
            "seq": .integer(record.sequence), "at": .string(time(record.at)), "user": .string(record.entry.user),
            "replica": .string(record.entry.replica), "peer": .string(record.entry.peer),
            "action": .string(record.entry.action), "detail": .string(record.entry.detail),
            "hash": .string(record.hash),
        ]
    }

    /// UTF-8 with BOM, CRLF, RFC 4180 quoting; control characters replaced so no cell spans
    /// lines, and a leading `=`, `+`, `-` or `@` quoted away so Excel never runs a formula.
    static func csv(_ records: [AuditRecord]) -> [UInt8] {
        func cell(_ text: String) -> String {
            var clean = String(
                String.UnicodeScalarView(
                    text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? " " : $0 }))
            if let first = clean.first, "=+-@".contains(first) { clean = "'" + clean }
            return "\"" + clean.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        var out = "\u{FEFF}seq,at,user,replica,peer,action,detail,hash\r\n"
        for record in records {
            let entry = record.entry
            out +=
                [
                    "\(record.sequence)", time(record.at), cell(entry.user), cell(entry.replica), cell(entry.peer),
                    cell(entry.action), cell(entry.detail), record.hash,
                ].joined(separator: ",") + "\r\n"
        }
        return Array(out.utf8)
    }
}
