import CommandLineSupport
import Testing

@Suite struct ArgumentListTests {
    @Test func optionsFlagsAndPositionalsInAnyOrder() throws {
        var arguments = ArgumentList(["answers", "--json", "--data=/srv/renkei", "A05", "--limit", "5"])
        #expect(try arguments.option("--data") == "/srv/renkei")
        #expect(try arguments.option("--limit") == "5")
        #expect(try arguments.option("--missing") == nil)
        let json = arguments.flag("--json")
        let again = arguments.flag("--json")
        #expect(json && !again)
        #expect(try arguments.positional("collection") == "answers")
        #expect(try arguments.positional("item") == "A05")
        try arguments.finish()
    }

    @Test func leftoversAndMissingValuesAreUsageErrors() {
        let unknown = ArgumentList(["--jsno"])
        #expect(throws: UsageError.self) { try unknown.finish() }
        #expect(throws: UsageError.self) {
            var missing = ArgumentList(["--data"])
            _ = try missing.option("--data")
        }
        #expect(throws: UsageError.self) {
            var twice = ArgumentList(["--data", "a", "--data=b"])
            _ = try twice.option("--data")
        }
        #expect(throws: UsageError.self) {
            var none = ArgumentList([])
            _ = try none.positional("collection")
        }
    }

    @Test func doubleDashEndsOptionsSoValuesMayStartWithDashes() throws {
        var arguments = ArgumentList(["--json", "--", "--not-an-option"])
        let json = arguments.flag("--json")
        #expect(json)
        #expect(try arguments.positional("value") == "--not-an-option")
        try arguments.finish()
    }
}
