import Foundation
import SyncProtocol
import Synchronization
import Testing

/// The retry rule: a server that asks to come back later (429 with `Retry-After`) is asked again
/// after the wait it names, as a gateway's 502-504 is; one that asks for longer than
/// `longestRetryAfter` (a spent daily write budget) is returned at once.
@Suite struct RetryPolicyTests {
    /// Answers with `statuses` in turn (then 200), each with `Retry-After: retryAfter`.
    final class Answers: SyncTransport {
        let statuses: Mutex<[Int]>
        let retryAfter: String
        let asked = Mutex(0)

        init(_ statuses: [Int], retryAfter: String) {
            self.statuses = Mutex(statuses)
            self.retryAfter = retryAfter
        }

        func send(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
            asked.withLock { $0 += 1 }
            let status = statuses.withLock { $0.isEmpty ? 200 : $0.removeFirst() }
            return TransportResponse(status: status, body: Data(), headers: ["retry-after": retryAfter])
        }
    }

    @Test func aServerAskingToComeBackLaterIsAskedAgainAfterItsWait() throws {
        let transport = Answers([429, 429], retryAfter: "0.3")
        let started = ContinuousClock.now
        let answer = try RetryPolicy(delays: [0, 0, 0]).send(
            TransportRequest(method: "GET", path: "/v1/blobs/x"), over: transport)
        #expect(answer.status == 200)
        #expect(transport.asked.withLock { $0 } == 3)
        #expect(ContinuousClock.now - started >= .milliseconds(550), "waited what Retry-After asked, twice")
    }

    @Test func aRefusalThatOutlastsTheRetriesIsReturnedAsItIs() throws {
        let transport = Answers([429, 429, 429], retryAfter: "not a number")
        let answer = try RetryPolicy(delays: [0, 0]).send(
            TransportRequest(method: "GET", path: "/v1/pull"), over: transport)
        #expect(answer.status == 429 && transport.asked.withLock { $0 } == 3)
        // Other refusals are not tried again.
        let forbidden = Answers([403], retryAfter: "1")
        #expect(
            try RetryPolicy(delays: [0, 0]).send(TransportRequest(method: "GET", path: "/"), over: forbidden).status
                == 403)
        #expect(forbidden.asked.withLock { $0 } == 1)
    }

    @Test func aWaitLongerThanTheClientWaitsIsReturnedAtOnce() throws {
        let transport = Answers([429], retryAfter: "31")
        let started = ContinuousClock.now
        let answer = try RetryPolicy(delays: [0, 0]).send(
            TransportRequest(method: "POST", path: "/v1/push"), over: transport)
        #expect(answer.status == 429 && transport.asked.withLock { $0 } == 1)
        #expect(ContinuousClock.now - started < .seconds(5), "not waited for")
        // A shorter wait is still waited for, and the request asked again.
        let short = Answers([503], retryAfter: "0.2")
        #expect(
            try RetryPolicy(delays: [0]).send(TransportRequest(method: "GET", path: "/"), over: short).status == 200)
    }

    @Test func transientStatuses() {
        #expect([429, 502, 503, 504].allSatisfy(RetryPolicy.isTransient))
        #expect(![200, 400, 401, 403, 404, 409, 413, 500].contains(where: RetryPolicy.isTransient))
        #expect(RetryPolicy.longestRetryAfter == 30)
    }
}
