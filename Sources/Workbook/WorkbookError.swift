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
    public var description: String {
        switch self {
        case .notAZip:
            return "Excel ファイルとして読めません（ZIP ではありません） / not an Excel file (not a ZIP archive)"
        case .legacyFormat:
            return
                "Excel 97-2003 形式（.xls）は読めません。.xlsx 形式で保存し直してください / an Excel 97-2003 (.xls) file cannot be read; save it as .xlsx"
        case .encrypted:
            return
                "パスワードで保護されたファイルは読めません。保護を解除して保存し直してください / the file is password-protected; remove the password and save it again"
        case .zip64:
            return "ZIP64 形式のファイルには対応していません / ZIP64 archives are not supported"
        case .unsupportedCompression(let entry, let method):
            return
                "\(entry) の圧縮方式（\(method)）には対応していません / \(entry) uses an unsupported compression method (\(method))"
        case .tooManyEntries:
            return "ZIP の中のファイルが多すぎます / the archive holds too many entries"
        case .tooLarge(let entry):
            return
                "\(entry) が大きすぎます（展開後のサイズか圧縮率が上限を超えています） / \(entry) is too large once uncompressed (size or compression ratio over the limit)"
        case .corrupt(let entry, let reason):
            let name = entry.isEmpty ? "ZIP" : entry
            return "ファイルが壊れています（\(name)） / the file is damaged: \(name): \(reason)"
        case .missingPart(let part):
            return "Excel ファイルに必要な \(part) がありません / the Excel file lacks \(part)"
        case .malformedXML(let part, let offset, let reason):
            return
                "\(part) の XML が読めません（\(offset) バイト目） / \(part) is not readable XML at byte \(offset): \(reason)"
        case .tooManyCells:
            return "セルが多すぎます / the sheets hold too many cells"
        }
    }
}
