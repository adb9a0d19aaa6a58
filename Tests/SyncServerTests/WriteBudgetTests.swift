import Foundation
import Models
import Testing

@testable import SyncServer

/// The per-user daily write budget (`WriteBudget`) and the per-user cap on dashboard sessions:
/// the arithmetic, without HTTP (the end-to-end attacks are in `AuthorityAttackTests`).
@Suite struct WriteBudgetTests {
    static let day: Int64 = 86_400_000
    static let megabyte: Int64 = 1_000_000

    @Test func aUserIsAdmittedWhileUnderItsBudgetAndToldHowLongToWait() {
        let budget = WriteBudget(bytesPerDay: 10 * Self.megabyte)
        #expect(budget.admit(user: "a", bytes: 6 * Self.megabyte, now: 0) == nil)
        // Still under: admitted, and may overshoot by what it announces.
        #expect(budget.admit(user: "a", bytes: 6 * Self.megabyte, now: 0) == nil)
        #expect(budget.used(by: "a", now: 0) == 12 * Self.megabyte)
        // Over: refused, charged nothing, told to wait until 2 MB have drained (a fifth of a day).
        let refusal = budget.admit(user: "a", bytes: 1, now: 0)
        #expect(refusal == WriteBudget.Refusal(retryAfter: 17_281, isFirst: true))
        #expect(budget.used(by: "a", now: 0) == 12 * Self.megabyte)
        #expect(budget.admit(user: "a", bytes: 1, now: 1_000)?.isFirst == false, "one log line per spell")
        // Another user is not held by it.
        #expect(budget.admit(user: "b", bytes: 9 * Self.megabyte, now: 0) == nil)
        // After the wait the user is admitted again, and a later refusal is a new spell.
        #expect(budget.admit(user: "a", bytes: 0, now: 17_281_000) == nil)
        #expect(budget.admit(user: "a", bytes: 0, now: 17_281_000)?.isFirst == true)
    }

    @Test func everyRequestCostsAtLeastTheMinimumAndTheBucketDrainsOverADay() {
        let budget = WriteBudget(bytesPerDay: 100 * WriteBudget.minimumCharge)
        for _ in 0..<100 { #expect(budget.admit(user: "a", bytes: 0, now: 0) == nil) }
        #expect(budget.admit(user: "a", bytes: 0, now: 0) != nil, "100 empty requests spend it")
        #expect(budget.used(by: "a", now: Self.day / 2) == 50 * WriteBudget.minimumCharge)
        #expect(budget.used(by: "a", now: Self.day * 2) == 0)
        // A clock set back drains nothing and charges stay.
        budget.charge(user: "a", bytes: 1_000, now: Self.day * 2)
        #expect(budget.used(by: "a", now: 0) == 1_000)
    }

    @Test func noBudgetAdmitsEverything() {
        let budget = WriteBudget(bytesPerDay: 0)
        #expect(budget.admit(user: "a", bytes: Int64.max, now: 0) == nil)
        #expect(budget.admit(user: "a", bytes: Int64.max, now: 0) == nil)
    }

    @Test func theMapKeepsOnlyUndrainedBucketsPastItsCapacity() {
        let budget = WriteBudget(bytesPerDay: Self.megabyte, capacity: 2)
        #expect(budget.admit(user: "a", bytes: 0, now: 0) == nil)
        #expect(budget.admit(user: "b", bytes: 0, now: 0) == nil)
        #expect(budget.admit(user: "c", bytes: Self.megabyte, now: Self.day) == nil)
        // a and b drained by then and were dropped; c's charge stands.
        #expect(budget.used(by: "c", now: Self.day) == Self.megabyte)
        #expect(budget.admit(user: "c", bytes: 0, now: Self.day) != nil)
    }

    @Test func waitsReadAsPeopleReadThem() {
        #expect(WriteBudget.describe(seconds: 40) == "40 s")
        #expect(WriteBudget.describe(seconds: 61) == "about 2 min")
        #expect(WriteBudget.describe(seconds: 7_200) == "about 2 h")
        #expect(WriteBudget.describe(seconds: 7_500) == "about 2 h 5 min")
    }

    @Test func aUserHoldsAtMostItsShareOfDashboardSessions() {
        let sessions = DashboardSessions(lifetime: 3600, perUser: 3)
        let grant = Grant(role: .advisor, municipality: nil)
        let start = Date(timeIntervalSince1970: 1_000)
        let ids = (0..<5).map {
            sessions.start(user: "advisor", grant: grant, tokenHash: nil, now: start.addingTimeInterval(Double($0)))
        }
        let other = sessions.start(user: "admin", grant: grant, tokenHash: nil, now: start)
        let live = ids.filter { sessions.session($0, now: start.addingTimeInterval(10)) != nil }
        #expect(live == Array(ids.suffix(3)), "the oldest two were ended")
        #expect(sessions.session(other, now: start.addingTimeInterval(10)) != nil, "another user's stays")
    }
}
