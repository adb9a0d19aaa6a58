import Foundation
import Glibc
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

    /// How many lines below `error` are written (`LogLineBudget`); nil: all of them. The server
    /// sets one: its lines come from what clients send.
    var lineBudget: LogLineBudget?
    /// The same for security lines (failed authentications, spent budgets), kept apart so that a
    /// flood of other lines (requests for pages that do not exist, without a token) cannot crowd
    /// them out: an outside review hid every failed sign-in that way.
    var securityLineBudget: LogLineBudget?

    /// Writes a line; `security`: a line about who may do what (counted in
    /// `securityLineBudget`, not `lineBudget`).
    func log(_ level: Level, _ message: String, _ fields: [(String, String)] = [], security: Bool = false) {
        guard level >= minimumLevel else { return }
        if level < .error, let lineBudget = security ? securityLineBudget : lineBudget {
            guard let leftOut = lineBudget.take() else { return }
            if leftOut > 0 {
                sink.write(
                    Self.line(
                        .warning, "log lines left out",
                        [("count", "\(leftOut)"), ("limit_per_second", "\(Int(lineBudget.perSecond))")]),
                    important: true)
            }
        }
        sink.write(Self.line(level, message, fields), important: level >= .warning)
    }

    /// One logfmt line, newline included: time, level, message, fields, each value redacted.
    /// Built as bytes: the server writes one per request, so a line must cost little next to
    /// a small request.
    static func line(_ level: Level, _ message: String, _ fields: [(String, String)]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(160)
        appendTimestamp(to: &bytes)
        bytes.append(contentsOf: " level=".utf8)
        bytes.append(contentsOf: level.name.utf8)
        bytes.append(contentsOf: " msg=".utf8)
        bytes.append(contentsOf: value(redacted(message)).utf8)
        for (key, text) in fields {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: key.utf8)
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: value(redacted(text)).utf8)
        }
        bytes.append(UInt8(ascii: "\n"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Now in UTC, `2026-11-23T05:02:11.468Z` (milliseconds), written by hand: a formatter per
    /// line cost more than the rest of a small request.
    static func timestamp() -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendTimestamp(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `timestamp()`'s 24 bytes to `bytes`.
    static func appendTimestamp(to bytes: inout [UInt8]) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            var rest = value
            for _ in 0..<count {
                bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2)
        bytes.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2)
        bytes.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        bytes.append(UInt8(ascii: "."))
        digits(Int(now.tv_nsec / 1_000_000), 3)
        bytes.append(UInt8(ascii: "Z"))
    }

    static let secretParameters: Set<String> = ["code", "token", "access_token", "key", "secret", "password"]

    /// What precedes a token in an `Authorization` value, in any case.
    private static let bearer = "bearer "

    /// What a secret is replaced with.
    static let redaction = "[redacted]"

    /// `text` with every secret replaced by `[redacted]`: the code of a one-time sign-in link
    /// (`/login/once/[redacted]`), bearer tokens (`rk_[redacted]`, `Bearer [redacted]`), and the
    /// values of the query parameters in `secretParameters` (`?code=[redacted]`). Everything
    /// else is kept as it was.
    static func redacted(_ text: String) -> String {
        // Most values (a method, a status, a path without secrets) hold none of the markers:
        // one allocation-free look at their bytes, and they are returned as they are.
        guard mayHoldSecret(text) else { return text }
        var result = text
        if containsIgnoringCase(result, Dashboard.oneTimeSignInPath),
            let range = result.range(of: Dashboard.oneTimeSignInPath)
        {
            // The code runs to the end of the path: up to a query, a space or a quote.
            let end = result[range.upperBound...].firstIndex { "?# \"'".contains($0) } ?? result.endIndex
            if range.upperBound < end { result.replaceSubrange(range.upperBound..<end, with: redaction) }
        }
        if containsIgnoringCase(result, Token.prefix) {
            result = result.replacingOccurrences(
                of: Token.prefix + "[0-9A-Fa-f]{8,}", with: Token.prefix + redaction, options: .regularExpression)
        }
        if containsIgnoringCase(result, bearer) {
            result = result.replacingOccurrences(
                of: "(bearer) [^ \",]+", with: "$1 " + redaction, options: [.regularExpression, .caseInsensitive])
        }
        for name in secretParameters where containsIgnoringCase(result, name + "=") {
            result = result.replacingOccurrences(
                of: "(^|[?&; ])(\(name))=[^&# \"]*", with: "$1$2=" + redaction,
                options: [.regularExpression, .caseInsensitive])
        }
        return result
    }

    /// Markers of a secret, folded (`folded`): `redacted` looks further only at text holding
    /// one of them, in any case (each secret query parameter's marker is its name and `=`).
    private static let secretMarkers: [[UInt8]] =
        ([Dashboard.oneTimeSignInPath, Token.prefix, bearer] + secretParameters.map { $0 + "=" }).map(folded)

    /// `text`'s bytes with bit 0x20 set, which lowercases ASCII letters: two bytes that fold
    /// alike are the same letter in either case (or, outside letters, rarely another byte: a
    /// marker found that way only costs `redacted` a closer look).
    private static func folded(_ text: String) -> [UInt8] { text.utf8.map { $0 | 0x20 } }

    /// Whether `text` holds any of `secretMarkers` in any case; allocates nothing for a native
    /// string.
    static func mayHoldSecret(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in
            secretMarkers.contains { contains(bytes, folded: $0) }
        }
        return found ?? secretMarkers.contains { contains(Array(text.utf8)[...], folded: $0) }
    }

    /// Whether `text` contains the ASCII `needle` in any case, by bytes (Foundation's
    /// case-insensitive search goes through NSString, measurable on every request line).
    static func containsIgnoringCase(_ text: String, _ needle: String) -> Bool {
        let wanted = folded(needle)
        return text.utf8.withContiguousStorageIfAvailable { contains($0, folded: wanted) }
            ?? contains(Array(text.utf8)[...], folded: wanted)
    }

    /// Whether `bytes`, folded, contain `needle` (already `folded`).
    private static func contains<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, folded needle: [UInt8])
        -> Bool where Bytes.Index == Int
    {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        let start = bytes.startIndex
        for index in start...(bytes.endIndex - needle.count) where bytes[index] | 0x20 == first {
            var offset = 1
            while offset < needle.count, bytes[index + offset] | 0x20 == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }

    /// The most characters of one value a line keeps (then `…`).
    static let maxValueCharacters = 512
    /// The most bytes of one value once escaped: a value of backslashes or control characters
    /// (each escaped as 2-8 bytes) is cut shorter, so that no client doubles a line's length.
    static let maxValueBytes = 1_024

    /// A logfmt value: bare when simple, else quoted with `"`, `\` and control characters escaped;
    /// cut at `maxValueCharacters`.
    static func value(_ text: String) -> String {
        // The common case, in one pass over the bytes: printable ASCII without `"`, `=`, `\`
        // (so as many characters as bytes), short enough.
        let utf8 = text.utf8
        if !utf8.isEmpty, utf8.count <= Self.maxValueCharacters,
            utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x3D && $0 != 0x5C })
        {
            return text
        }
        // At most `maxValueCharacters`: a client's 8 KB method or path makes no 8 KB line.
        var limit = Self.maxValueCharacters
        while true {
            let quoted = Printable.quoted(text, limit: limit)
            if quoted.utf8.count <= Self.maxValueBytes || limit <= 16 { return quoted }
            limit /= 2
        }
    }
}
