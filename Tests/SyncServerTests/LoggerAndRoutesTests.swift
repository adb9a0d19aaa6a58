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

    @Test func everyErrorCodeHasItsStatus() {
        #expect(SyncRoutes.status(for: .malformedJSON).code == 400)
        #expect(SyncRoutes.status(for: .invalidField).code == 400)
        #expect(SyncRoutes.status(for: .scopeMismatch).code == 409)
        #expect(SyncRoutes.status(for: .payloadTooLarge).code == 413)
        #expect(SyncRoutes.status(for: .storageFull).code == 507)
        #expect(SyncRoutes.status(for: .unavailable).code == 503)
        #expect(SyncRoutes.status(for: .internalError).code == 500)
    }
}
