import Foundation
import Models

/// Structured log lines on standard error or in a log file (`LogSink`), one event per line in
/// logfmt:
/// `2026-11-23T02:15:00.123Z level=info msg=request method=POST path=/v1/push status=200`.
///
/// Values are quoted when needed and control characters escaped, so nothing a client sends can
/// break a line or forge one. Secrets never reach a line: every value (and the message) goes
/// through `redacted(_:)` first, which masks one-time dashboard codes, tokens and secret-looking
/// query parameters, whoever logs them (the HTTP layer logs each request's path).
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

    /// Where lines go.
    var sink: LogSink = .standardError

    func log(_ level: Level, _ message: String, _ fields: [(String, String)] = []) {
        guard level >= minimumLevel else { return }
        var line = "\(Self.timestamp()) level=\(level.name) msg=\(Self.value(Self.redacted(message)))"
        for (key, value) in fields { line += " \(key)=\(Self.value(Self.redacted(value)))" }
        line += "\n"
        sink.write(line)
    }

    /// UTC, millisecond precision.
    static func timestamp() -> String {
        Date().formatted(
            .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Query parameters whose values are secrets, whatever the route.
    static let secretParameters: Set<String> = ["code", "token", "access_token", "key", "secret", "password"]

    /// What a secret is replaced with.
    static let redaction = "[redacted]"

    /// `text` with every secret replaced by `[redacted]`: the code of a one-time sign-in link
    /// (`/login/once/[redacted]`), bearer tokens (`rk_[redacted]`, `Bearer [redacted]`), and the
    /// values of the query parameters in `secretParameters` (`?code=[redacted]`). Everything
    /// else is kept as it was.
    static func redacted(_ text: String) -> String {
        var result = text
        if let range = result.range(of: "/login/once/") {
            // The code runs to the end of the path: up to a query, a space or a quote.
            let end = result[range.upperBound...].firstIndex { "?# \"'".contains($0) } ?? result.endIndex
            if range.upperBound < end { result.replaceSubrange(range.upperBound..<end, with: redaction) }
        }
        if result.contains("rk_") {
            result = result.replacingOccurrences(
                of: "rk_[0-9A-Fa-f]{8,}", with: "rk_" + redaction, options: .regularExpression)
        }
        if result.range(of: "bearer ", options: .caseInsensitive) != nil {
            result = result.replacingOccurrences(
                of: "(bearer) [^ \",]+", with: "$1 " + redaction, options: [.regularExpression, .caseInsensitive])
        }
        if result.contains("=") {
            for name in secretParameters where result.range(of: name + "=", options: .caseInsensitive) != nil {
                result = result.replacingOccurrences(
                    of: "(^|[?&; ])(\(name))=[^&# \"]*", with: "$1$2=" + redaction,
                    options: [.regularExpression, .caseInsensitive])
            }
        }
        return result
    }

    /// The most characters of one value a line keeps (then `…`).
    static let maxValueCharacters = 512

    /// A logfmt value: bare when simple, else quoted with `"`, `\` and control characters escaped;
    /// cut at `maxValueCharacters`.
    static func value(_ text: String) -> String {
        let simple =
            !text.isEmpty
            && text.unicodeScalars.allSatisfy {
                $0.value > 0x20 && $0.value < 0x7F && $0 != "\"" && $0 != "=" && $0 != "\\"
            }
        // At most `maxValueCharacters`: a client's 8 KB method or path makes no 8 KB line.
        guard text.unicodeScalars.count <= Self.maxValueCharacters else {
            return Printable.quoted(text, limit: Self.maxValueCharacters)
        }
        return simple ? text : Printable.quoted(text, limit: Int.max)
    }
}
