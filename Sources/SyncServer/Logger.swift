import Foundation
import Models
import Synchronization

/// Structured log lines on standard error, one event per line in logfmt:
/// `2026-11-23T02:15:00.123Z level=info msg=request method=POST path=/v1/push status=200`.
///
/// Values are quoted when needed and control characters escaped, so nothing a client sends can
/// break a line or forge one.
struct Logger: Sendable {
    /// Severity, lowest first.
    enum Level: Int, Comparable, Sendable {
        /// Details for developers chasing a bug.
        case debug
        /// Normal operation worth a line: start, stop, each request.
        case info
        /// Something refused or retried that an operator may want to look at.
        case warning
        /// A failure the server survived but that needs attention (disk, database).
        case error

        static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }

        var name: String {
            switch self {
            case .debug: return "debug"
            case .info: return "info"
            case .warning: return "warning"
            case .error: return "error"
            }
        }
    }

    /// Lines below this level are dropped.
    var minimumLevel: Level = .info

    /// Serialises writes so lines from different threads never interleave.
    private static let output = Mutex(())

    func log(_ level: Level, _ message: String, _ fields: [(String, String)] = []) {
        guard level >= minimumLevel else { return }
        var line = "\(Self.timestamp()) level=\(level.name) msg=\(Self.value(message))"
        for (key, value) in fields { line += " \(key)=\(Self.value(value))" }
        line += "\n"
        Self.output.withLock { _ in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// UTC, millisecond precision.
    static func timestamp() -> String {
        Date().formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// A logfmt value: bare when simple, else quoted with `"`, `\` and control characters escaped.
    static func value(_ text: String) -> String {
        let simple =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "=" && $0 != "\\"
            }
        return simple ? text : Printable.quoted(text, limit: Int.max)
    }
}
