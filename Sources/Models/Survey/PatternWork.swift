/// Steps of text pattern matching a series of checks may still take (`TextPattern.matches`: one
/// step per live state for each character read). The server gives each judgement of a push batch
/// one (`SurveyRules.patternWorkPerBatch`), so that what a batch's patterns cost is bounded by
/// the work actually done, not by the patterns' size: a pattern of 200 states usually has two or
/// three live at a time. A class: the checks that take it pass it down, and every match charges
/// the same account. Not thread-safe: one judgement uses it on one thread.
public final class PatternWork {
    /// Steps left; negative once a match ran past the budget (that match stopped there).
    public private(set) var remaining: Int

    public init(steps: Int) { remaining = steps }

    /// Whether a match ran out of steps (its answer was not judged).
    public var isExhausted: Bool { remaining < 0 }

    /// Takes `steps`; false when the budget is spent (the match must stop).
    func charge(_ steps: Int) -> Bool {
        remaining -= steps
        return remaining >= 0
    }
}
