import Localization

/// Why `WorkbookReader.read` returned nothing: a workbook is read whole or not at all. Every
/// `description` is one line, Japanese first, then English, for the clerk who saved the file.
public enum WorkbookError: Error, Equatable, CustomStringConvertible {
    /// The bytes are no ZIP archive (no end of central directory record), so no .xlsx file.
    case notAZip
    /// An Excel 97-2003 (.xls) file or another OLE compound document, not .xlsx.
    case legacyFormat
    /// The file is protected by a password (an encrypted OLE package, or a ZIP entry with the
    /// encryption flag).
    case encrypted
    /// The archive needs ZIP64 (an entry or the archive over 4 GiB, or over 65,535 entries);
    /// no spreadsheet form is that large.
    case zip64
    /// `entry` is compressed with a ZIP method other than 0 (stored) or 8 (deflate).
    case unsupportedCompression(entry: String, method: Int)
    /// The archive lists more entries than `WorkbookLimits.maxEntries`.
    case tooManyEntries
    /// `entry` would exceed a size limit of `WorkbookLimits` once uncompressed: its own size, the
    /// total of the parts read, or the compression ratio (a zip bomb).
    case tooLarge(entry: String)
    /// `entry` (empty for the archive's own records) is damaged or inconsistent: `reason` says how.
    case corrupt(entry: String, reason: String)
    /// A part the workbook needs is not in the archive (its path inside the ZIP).
    case missingPart(String)
    /// `part` is not XML this reader accepts; `offset` is the byte offset (0-based) in the
    /// uncompressed part where reading stopped.
    case malformedXML(part: String, offset: Int, reason: String)
    /// The sheets hold more non-empty cells than `WorkbookLimits.maxCells` in total.
    case tooManyCells

    /// One line for the person who saved the file: Japanese, ` / `, then English.
    public var description: String { "\(japanese) / \(english)" }

    /// The Japanese half of `description`.
    public var japanese: String { text(in: .japanese) }

    /// The English half of `description`: it adds the technical reason of `corrupt` and
    /// `malformedXML`.
    public var english: String {
        switch self {
        case .corrupt(_, let reason), .malformedXML(_, _, let reason): return "\(text(in: .english)): \(reason)"
        default: return text(in: .english)
        }
    }

    private func text(in language: Language) -> String {
        switch self {
        case .notAZip: return localized("workbook.not.zip", in: language)
        case .legacyFormat: return localized("workbook.legacy.format", in: language)
        case .encrypted: return localized("workbook.encrypted", in: language)
        case .zip64: return localized("workbook.zip64", in: language)
        case .unsupportedCompression(let entry, let method):
            return localized("workbook.unsupported.compression", ["entry": entry, "method": method], in: language)
        case .tooManyEntries: return localized("workbook.too.many.entries", in: language)
        case .tooLarge(let entry): return localized("workbook.too.large", ["entry": entry], in: language)
        case .corrupt(let entry, _):
            return localized("workbook.corrupt", ["entry": entry.isEmpty ? "ZIP" : entry], in: language)
        case .missingPart(let part): return localized("workbook.missing.part", ["part": part], in: language)
        case .malformedXML(let part, let offset, _):
            return localized("workbook.malformed.xml", ["part": part, "offset": offset], in: language)
        case .tooManyCells: return localized("workbook.too.many.cells", in: language)
        }
    }
}
