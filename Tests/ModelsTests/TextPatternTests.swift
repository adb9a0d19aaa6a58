import Testing

@testable import Models

/// Survey patterns are matched without backtracking, and mean what Swift's `Regex` makes of
/// them wherever the language overlaps.
@Suite struct TextPatternTests {
    static let patterns = [
        "^27[0-9]{4}$", "^[0-9]{4}-(0[1-9]|1[0-2])$", "^\\d{3}-\\d{4}$", "[ァ-ヶー]+", "^(?:株式会社|有限会社)?.+$",
        "^a*$", "ab?c", "^(ab|cd){2,3}$", "x{2,}", "^[^0-9]*$", "\\.", "^\\w+@\\w+\\.jp$", "^\\s*$", "^[a\\-z]$",
        "^(a|)+b$", "colou?r", "^[z-za-cb-f0-9_x]+$", "[^c-ea-b]", "^$", "a|b|c", "^[\\d\\s]+$", "^\\D\\W\\S$",
        "^.{2}$", "(a+)+$", "^(?:[0-9]+-?)+$",
    ]
    static let texts = [
        "", "271004", "271403", "2710045", "2024-04", "2024-13", "123-4567", "123-45678", "カタカナ", "かな", "株式会社大阪",
        "有限会社", "aaa", "aab", "ac", "abc", "abbc", "abab", "ababab", "abababab", "cdab", "xx", "x", "abc123", "a.b",
        "user@city.jp", "   ", "-", "z", "b", "ab", "aab", "color", "colour", "12 34", "a!x", "\u{0661}\u{0662}",
        "12-34-",
        "ｘ", "aa\n", "a\nb",
    ]

    @Test func matchesAsSwiftRegexDoes() throws {
        for source in Self.patterns {
            let pattern = try TextPattern(source)
            let regex = try Regex(source)
            for text in Self.texts {
                let expected = (try regex.firstMatch(in: text)) != nil
                #expect(pattern.matches(text) == expected, "\(source) on \(text.debugDescription)")
            }
        }
    }

    /// Patterns that backtracking takes exponential or high-polynomial time over are read once.
    @Test func catastrophicPatternsCostTimeLinearInTheText() throws {
        let long = String(repeating: "a", count: 20_000) + "!"
        for source in ["^(a+)+$", "^(a|a)*$", "^(a|aa)+$", "a*a*a*a*a*b", "^(\\w+\\s?)*$", "^([0-9]+-?)+$"] {
            let pattern = try TextPattern(source)
            let clock = ContinuousClock()
            var matched = true
            let took = clock.measure { matched = pattern.matches(long) }
            #expect(!matched, "\(source)")
            // Backtracking needs far beyond a minute at 20,000 characters; linear, milliseconds.
            #expect(took < .seconds(5), "\(source): \(took)")
        }
        #expect(try TextPattern("^(a+)+$").matches(String(repeating: "a", count: 20_000)))
    }

    @Test func unsupportedOrOversizedPatternsAreRefusedWithTheReason() {
        for source in [
            "(?=a)", "(?<name>a)", "\\1", "\\b", "\\p{Katakana}", "[[a-z]]", "a**", "*a", "a{2", "a{3,2}", "(a", "a)",
            "[a", "[z-a]", "a{101}", "\\", "((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))))",
            "(a{100}){100}", "[" + String(repeating: "a", count: 300) + "]", ".{0,100}.{0,100}x",
        ] {
            #expect(throws: TextPattern.Problem.self, "\(source)") { try TextPattern(source) }
        }
    }

    /// A table cell is checked once; its problem is renamed to the cell's full path.
    @Test func aTableCellsProblemIsNamedByItsPathWithoutASecondCheck() {
        let problem = AnswerProblem("vendor_name", "書式が違います", "wrong format").at("D01.r1.vendor_name")
        #expect(problem.path == "D01.r1.vendor_name")
        #expect(problem.japanese == "D01.r1.vendor_name: 書式が違います")
        #expect(problem.english == "D01.r1.vendor_name: wrong format")
    }

    /// The survey reader refuses such a pattern with its reason, in the survey's language.
    @Test func aSurveyWithACatastrophicPatternStillReadsAndOneWithAnUnsupportedOneDoesNot() throws {
        func survey(_ pattern: String) throws -> Questionnaire {
            let escaped = pattern.replacingOccurrences(of: "\\", with: "\\\\")
            return try Questionnaire(
                json: try JSONValue(
                    parsing: Array(
                        """
                        {"survey_id":"s","title":"t","sections":[{"id":"A","title":"A","items":[{"id":"A01","label":"l","type":"text","pattern":"\(escaped)"}]}]}
                        """.utf8)))
        }
        let item = try #require(try survey("^(a+)+$").sections.first?.items.first)
        #expect(item.check(.string(String(repeating: "a", count: 60) + "!")) != nil)
        #expect(item.check(.string(String(repeating: "a", count: 60))) == nil)
        #expect(throws: ModelError.self) { try survey("(?!x)") }
    }

    /// A match is charged the states live as it reads, not the pattern's size: `{1,100}` compiles
    /// to about 200 states, of which an answer of short product names keeps two or three live
    /// (a fourth outside review had honest table rows refused when every state was charged).
    @Test func aMatchIsChargedTheStatesLiveAsItReads() throws {
        let pattern = try TextPattern("^[^\\n]{1,100}$")
        #expect(pattern.stateCount > 190)
        let work = PatternWork(steps: 1_000_000)
        #expect(pattern.matches("富士通Japan株式会社 GPRIME", work: work))
        let steps = 1_000_000 - work.remaining
        #expect(steps > 0 && steps <= 20 * 5, "\(steps) steps for 20 characters")
        let spent = PatternWork(steps: 40)
        #expect(!pattern.matches(String(repeating: "a", count: 60), work: spent) && spent.isExhausted)
    }

    /// A class that names one kind many times tries it once per character: 127 `\d` in a class
    /// once cost 127 Unicode property look-ups a character (11.6 s for one push of an outside
    /// review), and now cost what `[\d]` does, as counted by the steps a match takes.
    @Test func aKindNamedManyTimesInAClassIsTriedOnce() throws {
        let repeated = try TextPattern("[" + String(repeating: "\\d", count: 127) + "]")
        let single = try TextPattern("[\\d]")
        #expect(repeated.stateCount == single.stateCount)
        #expect(repeated.classKindCounts == [1] && single.classKindCounts == [1])
        #expect(try TextPattern("[\\d\\D\\w\\d\\s\\w\\S\\W\\s]").classKindCounts == [6])
        let text = String(repeating: "a", count: 1_000)
        #expect(!repeated.matches(text) && repeated.matches(text + "7"))
    }
}
