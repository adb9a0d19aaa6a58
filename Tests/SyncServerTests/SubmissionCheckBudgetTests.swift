import Testing

@testable import SyncServer

/// The per-user share of submission-check work over time (`SubmissionCheckBudget`): the
/// arithmetic, without HTTP (the end-to-end attack is in `AuthorityAttackTests`).
@Suite struct SubmissionCheckBudgetTests {
    @Test func aUserSpendsItsShareThenWaitsUntilATenthHasDrained() {
        // 1,000 steps per 100 s: 10 steps drain per second; a check needs 100 of room.
        let budget = SubmissionCheckBudget(stepsPerWindow: 1_000, windowMilliseconds: 100_000)
        #expect(budget.allowance(user: "a", now: 0) == .steps(1_000))
        budget.charge(user: "a", steps: 600, now: 0)
        #expect(budget.allowance(user: "a", now: 0) == .steps(400))
        budget.charge(user: "a", steps: 350, now: 0)
        // 50 of room is less than a tenth: spent, until 50 more have drained (5 s).
        #expect(budget.allowance(user: "a", now: 0) == .spent(retryAfterSeconds: 5))
        #expect(budget.allowance(user: "a", now: 4_000) == .spent(retryAfterSeconds: 1))
        #expect(budget.allowance(user: "a", now: 5_000) == .steps(100))
        // Another user has a share of its own.
        #expect(budget.allowance(user: "b", now: 0) == .steps(1_000))
        // A full window later everything has drained.
        #expect(budget.allowance(user: "a", now: 100_000) == .steps(1_000))
    }

    @Test func chargesNeverFillTheBucketPastItsShareAndAClockSetBackDrainsNothing() {
        let budget = SubmissionCheckBudget(stepsPerWindow: 1_000, windowMilliseconds: 100_000)
        budget.charge(user: "a", steps: 5_000, now: 10_000)
        // Capped at the share: 10 s of draining (100 steps) makes room for a check again.
        #expect(budget.allowance(user: "a", now: 20_000) == .steps(100))
        // A clock set back before the charge drains nothing: still the wait of 10 s.
        #expect(budget.allowance(user: "a", now: 0) == .spent(retryAfterSeconds: 10))
    }
}
