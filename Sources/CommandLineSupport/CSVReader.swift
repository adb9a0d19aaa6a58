import Localization

/// Reads RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields in double quotes
/// may hold commas, line breaks and doubled quotes. The file may be UTF-8 (with or without a byte
/// order mark, which is skipped) or CP932, what Japanese Excel saves as "CSV".
public enum CSVReader {
    /// One record and the line it starts on (1-based, counting physical lines).
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public init(line: Int, reason: String) {
            self.line = line
            self.reason = reason
        }
        public var description: String { localized("csv.line", ["line": line, "reason": reason]) }
    }

    /// Parses UTF-8 or CP932 bytes; text in neither and unterminated quotes are errors with
    /// their line.
    public static func records(_ bytes: [UInt8]) throws(Failure) -> [Record] {
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) ?? CP932Decoder.decode(bytes) else {
            throw Failure(
                line: 1,
                reason: localized("csv.encoding.unknown"))
        }
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return characters.next()
        }
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while let scalar = next() {
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            afterQuote = true
                            pending = following
                        }
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r":
                if let following = next(), following != "\n" { pending = following }
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw Failure(line: line, reason: localized("csv.quote.inside"))
                }
                inQuotes = true
            default:
                if afterQuote { throw Failure(line: line, reason: localized("csv.text.after.quote")) }
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes { throw Failure(line: recordLine, reason: localized("csv.quote.open")) }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}
