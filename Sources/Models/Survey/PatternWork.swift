/// Steps of text pattern matching a series of checks may still take (`TextPattern.matches`: one
/// step per live state for each character read). The server gives each judgement of a push batch
/// one (`SurveyRules.patternWorkPerBatch`), so that what a batch's patterns cost is bounded by
/// the work actually done, not by the patterns' size: a pattern of 200 states usually has two or
/// three live at a time. A class: the checks that take it pass it down, and every match charges
/// the same account. Not thread-safe: one judgement uses it on one thread.
public final class PatternWork {
    /// Steps left; negative once a match ran past the budget (that match stopped there).
    public private(set) var remaining: Int

    /// Steps it was given.
    public let steps: Int

    public init(steps: Int) {
        self.steps = steps
        remaining = steps
    }

    /// Steps taken so far (a little more than `steps` when the last match ran past them).
    public var spent: Int { steps - remaining }

    /// Whether a match ran out of steps (its answer was not judged).
    public var isExhausted: Bool { remaining < 0 }

    /// Takes `steps`; false when the budget is spent (the match, or the work charged, must
    /// stop). Work other than matching may be charged too, in steps of comparable cost.
    @discardableResult
    public func charge(_ steps: Int) -> Bool {
        remaining -= steps
        return remaining >= 0
    }
}
