import Foundation
import HTTP1
import Models
import Testing

@testable import SyncServer

@Suite struct LoggerAndRoutesTests {
    @Test func logValuesCannotBreakOrForgeALine() {
        #expect(Logger.value("POST") == "POST")
        #expect(Logger.value("a b") == #""a b""#)
        let forged = Logger.value("x\n2026-11-23T00:00:00Z level=info msg=forged")
        #expect(!forged.contains("\n") && forged.hasPrefix("\"") && forged.contains(#"\n"#))
        #expect(Logger.value("") == #""""#)
        // A client's 8 KB method or path is cut, so that no request writes an 8 KB line.
        let long = Logger.value(String(repeating: "A", count: 8000))
        #expect(long.count < 600 && long.hasSuffix("…\""), "\(long.count)")
        let longest = String(repeating: "A", count: Logger.maxValueCharacters)
        #expect(Logger.value(longest) == longest, "as long as a value may be: kept bare")
        #expect(Logger.value(longest + "A").hasSuffix("…\""), "one character more: cut")
        #expect(Logger.value("a=b") == #""a=b""# && Logger.value("大阪市") == #""大阪市""#)
        // Escapes do not lengthen it past its bytes: 512 backslashes or control characters are cut
        // shorter (a review doubled its lines with backslash paths).
        for text in [String(repeating: "\\", count: 512), String(repeating: "\u{1}", count: 512)] {
            let value = Logger.value(text)
            #expect(value.utf8.count <= Logger.maxValueBytes && value.hasSuffix("…\""), "\(value.utf8.count)")
        }
        let line = Logger.line(.info, "request", [("path", "/v1/health"), ("note", "a b")])
        #expect(line.hasSuffix(" level=info msg=request path=/v1/health note=\"a b\"\n"), "\(line)")
        #expect(
            line.utf8.count == 24 + 50 + 1 && line.dropFirst(10).hasPrefix("T") && line.dropFirst(23).hasPrefix("Z"))
        #expect(ServerMetrics.method("FOOBAR") == "other" && ServerMetrics.method("PATCH") == "PATCH")
    }

    /// The server's log takes lines below `error` at a bounded pace and says how many it left out.
    @Test func theLogLeavesOutLinesOverItsPaceAndSaysHowMany() {
        let budget = LogLineBudget(perSecond: 2, burst: 3, now: 0)
        #expect((0..<3).map { _ in budget.take(now: 0) } == [0, 0, 0])
        #expect(budget.take(now: 0) == nil && budget.take(now: 100) == nil, "the burst is spent")
        #expect(
            budget.take(now: 500) == nil,
            "half a second brings one place: not enough for a line and the one reporting those left out")
        #expect(budget.take(now: 500) == nil)
        #expect(
            budget.take(now: 1_000) == 4, "a second brings two places: the line and the report of the four left out")
        #expect(budget.take(now: 1_000_000) == 0, "refilled, up to the burst")
    }

    @Test func pullParametersAreCheckedStrictly() throws {
        let defaults = try SyncRoutes.pullParameters(nil)
        #expect(defaults.since == 0 && defaults.limit == 1_000 && defaults.exceptAuthor == nil)
        let given = try SyncRoutes.pullParameters("since=5&limit=10&except_author=0f3a9c1d5e7b2a4c8d6e0f1a2b3c4d5e")
        #expect(given.since == 5 && given.limit == 10 && given.exceptAuthor != nil)
        for bad in [
            "since=-1", "limit=0", "limit=10001", "since=1&since=2", "token=abc", "except_author=x", "since=1.5",
        ] {
            #expect(throws: ServiceError.self) { try SyncRoutes.pullParameters(Substring(bad)) }
        }
    }

    /// Every code of the catalog has the status PROTOCOL.md §13 gives it; only `internal_error`
    /// is a 500.
    @Test func everyErrorCodeHasItsStatus() throws {
        let statuses: [ErrorCode: Int] = [
            .badRequest: 400, .malformedJSON: 400, .invalidField: 400, .unauthorized: 401, .forbiddenScope: 403,
            .replicaOwned: 403, .notFound: 404, .methodNotAllowed: 405, .requestTimeout: 408, .scopeMismatch: 409,
            .offsetMismatch: 409, .uploadBusy: 409, .blobMissing: 409, .replicaRewound: 409, .payloadTooLarge: 413,
            .unsupportedMediaType: 415, .rangeNotSatisfiable: 416, .hashMismatch: 422, .valueTooLarge: 422,
            .recordOutOfScope: 422, .surveyClosed: 422, .invalidAnswer: 422, .submissionRefused: 422,
            .answersSubmitted: 422, .recordTaken: 422, .versionReused: 422, .tooManyVersions: 422,
            .tooManyRequests: 429, .writeBudgetExceeded: 429, .headersTooLarge: 431, .internalError: 500,
            .notImplemented: 501,
            .unavailable: 503, .storageFull: 507,
        ]
        #expect(Set(ErrorCode.all) == Set(statuses.keys), "the catalog and this table list the same codes")
        #expect(Set(ErrorCode.all.map(\.rawValue)).count == ErrorCode.all.count, "no code twice")
        for code in ErrorCode.all {
            #expect(code.httpStatus == statuses[code], "\(code)")
            #expect(SyncRoutes.status(for: code).code == statuses[code], "\(code)")
        }
        // docs/PROTOCOL.md §13 lists the same codes with the same statuses.
        let source = URL(fileURLWithPath: #filePath)
        let protocolText = try String(
            contentsOf: source.deletingLastPathComponent().appendingPathComponent("../../docs/PROTOCOL.md"),
            encoding: .utf8)
        var documented: [String: Int] = [:]
        for line in protocolText.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, cells[0].hasPrefix("`"), let status = Int(cells[1]) else { continue }
            documented[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = status
        }
        for code in ErrorCode.all {
            #expect(documented[code.rawValue] == code.httpStatus, "PROTOCOL.md §13 on \(code)")
        }
    }
}
