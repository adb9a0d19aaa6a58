import Localization

/// Why `ReportFiles` wrote nothing: a report is written whole or not at all (CSV checks every
/// table's encoding before its first file).
public enum ReportFileError: Error, Equatable, CustomStringConvertible {
    /// The tables hold text the encoding asked for cannot (CP932): bad data for that encoding.
    case unencodable(EncodingError)
    /// A file could not be written; `reason` is the system's.
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .unencodable(let error): return localized("report.error.unencodable", ["error": error])
        case .cannotWrite(let path, let reason):
            return localized("report.error.cannot.write", ["path": path, "reason": reason])
        }
    }
}
