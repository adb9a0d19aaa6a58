import Foundation
import Models

/// When a report says it was made (作成). `SOURCE_DATE_EPOCH` (whole seconds since 1970, the
/// reproducible-builds convention) stands in for now when it is set, so that the same data give
/// the same report file byte for byte, whenever and wherever it is made; a value that is not a
/// whole number from 0 to 253402300799 (9999-12-31) is ignored.
public enum ReportClock {
    /// Unix milliseconds.
    public static func now() -> Int64 {
        if let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"],
            let seconds = Int64(text), (0...253_402_300_799).contains(seconds)
        {
            return seconds * 1000
        }
        return UnixTime.milliseconds()
    }

    /// `作成：2026-11-23 14:02` (Japan time).
    public static func producedLine() -> String { "作成：\(JapanTime.text(now()))" }
}
