import Foundation

/// Wall-clock time as stored by Renkei: integer Unix milliseconds (UTC). Display and audit only:
/// no merge decision ever reads it.
public enum UnixTime {
    /// Now, in Unix milliseconds.
    public static func milliseconds() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
