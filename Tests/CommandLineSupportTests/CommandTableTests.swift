import CommandLineSupport
import Localization
import Synchronization
import Testing

/// The command table drives dispatch, help, usage errors and suggestions from one declaration.
@Suite struct CommandTableTests {
    static let home = CommandOption.value("--home", "DIR", "Where the replica lives")
    static let json = CommandOption.flag("--json", "Print JSON")
    static let output = CommandOption.value("--output", "FILE", short: "-o", "Write to FILE")

    /// What the last body ran with: its command and arguments.
    final class Record: Sendable {
        let seen = Mutex<[String]>([])
    }
    let ran = Record()

    func table() -> CommandTable {
        let ran = self.ran
        func body(_ name: String) -> @Sendable (ArgumentList) throws -> Void {
            { arguments in
                var arguments = arguments
                var seen = [name]
                if let home = try arguments.option(Self.home) { seen.append("home=\(home)") }
                if let output = try arguments.option(Self.output) { seen.append("output=\(output)") }
                if arguments.flag(Self.json) { seen.append("json") }
                while let word = arguments.optionalPositional() { seen.append(word) }
                if seen.contains("usage-error") { throw UsageError("a body's own usage error") }
                ran.seen.withLock { $0 = seen }
            }
        }
        let answer = Command(
            "answer", summary: "Answer one item", usage: ["survey answer SURVEY ITEM VALUE [--home DIR]"],
            examples: ["survey answer osaka-dx-2025 B07 12"], run: body("answer"))
        let show = Command(
            "show", aliases: ["view"], summary: "Show a survey", usage: ["survey show SURVEY [--json]"],
            options: [Self.json], run: body("show"))
        let survey = Command(
            "survey", summary: "Publish and answer surveys", overview: "Surveys of the prefecture.",
            verbs: [answer, show])
        let verify = Command("verify", summary: "Verify the chain", usage: ["audit verify"], run: body("verify"))
        let audit = Command(
            "audit", summary: "Show the audit log", usage: ["audit [--json]"], options: [Self.json], verbs: [verify],
            run: body("audit"))
        let report = Command(
            "report", summary: "Write a report", usage: ["report SURVEY [-o FILE]"], options: [Self.output],
            run: body("report"))
        let root = Command(
            "renkei", summary: "The client", options: [Self.home], verbs: [survey, audit, report])
        return CommandTable(program: "renkei", version: "1.2.3", root: root)
    }

    func run(_ arguments: [String]) throws -> [String] {
        ran.seen.withLock { $0 = [] }
        try table().run(arguments)
        return ran.seen.withLock { $0 }
    }

    @Test func verbsAndOptionsInAnyOrderReachTheRightBody() throws {
        #expect(try run(["survey", "answer", "s", "B07", "12"]) == ["answer", "s", "B07", "12"])
        #expect(try run(["--home", "/h", "survey", "answer", "s"]) == ["answer", "home=/h", "s"])
        #expect(try run(["survey", "--home=/h", "answer", "s"]) == ["answer", "home=/h", "s"])
        #expect(try run(["report", "x", "-o", "out.xlsx"]) == ["report", "output=out.xlsx", "x"])
        #expect(try run(["survey", "answer", "s", "B07", "-5"]) == ["answer", "s", "B07", "-5"], "-5 is a value")
        #expect(
            try run(["survey", "answer", "s", "--", "--json"]) == ["answer", "s", "--json"], "after -- all are words")
        #expect(try run(["audit", "--json"]) == ["audit", "json"])
        #expect(try run(["audit", "verify"]) == ["verify"])
    }

    @Test func helpIsThatOfTheVerbNamed() throws {
        let table = table()
        guard case .show(let answerHelp) = try table.resolve(["survey", "answer", "--help"]) else {
            Issue.record("no help")
            return
        }
        #expect(answerHelp.hasPrefix(localized("help.overview") + " Answer one item"))
        #expect(answerHelp.contains(localized("help.usage") + " renkei survey answer SURVEY ITEM VALUE [--home DIR]"))
        #expect(answerHelp.contains("--home DIR") && answerHelp.contains("renkei survey answer osaka-dx-2025 B07 12"))
        #expect(!answerHelp.contains("Show a survey"), "not the group's help")
        guard case .show(let viaHelp) = try table.resolve(["help", "survey", "answer"]) else {
            Issue.record("no help")
            return
        }
        #expect(viaHelp == answerHelp)
        guard case .show(let groupHelp) = try table.resolve(["survey", "-h"]) else {
            Issue.record("no help")
            return
        }
        #expect(
            groupHelp.contains(localized("help.subcommands")) && groupHelp.contains("answer")
                && groupHelp.contains("Show a survey"))
        #expect(groupHelp.contains("renkei survey answer SURVEY") && groupHelp.contains("renkei survey show SURVEY"))
        guard case .show(let top) = try table.resolve([]) else {
            Issue.record("no help")
            return
        }
        #expect(top.contains("survey") && top.contains("Publish and answer surveys"))
        guard case .show(let version) = try table.resolve(["--version"]) else {
            Issue.record("no version")
            return
        }
        #expect(version == "renkei 1.2.3")
    }

    @Test func mistakesAreUsageErrorsWithTheVerbsUsageAndASuggestion() {
        func failure(_ arguments: [String]) -> UsageError? {
            do {
                _ = try table().resolve(arguments)
                return nil
            } catch { return error }
        }
        let verb = failure(["survy", "answer"])
        #expect(verb?.message == Self.unknownVerb("\"survy\"", suggesting: "survey"))
        let inner = failure(["survey", "anwser", "s"])
        #expect(inner?.message.contains(localized("usage.did.you.mean", ["word": "answer"])) == true)
        #expect(inner?.usage?.contains("renkei survey answer SURVEY ITEM VALUE") == true)
        let option = failure(["survey", "show", "s", "--jsno"])
        #expect(option?.message == Self.unknownOption("--jsno") + localized("usage.did.you.mean", ["word": "--json"]))
        #expect(option?.usage == "renkei survey show SURVEY [--json]")
        #expect(
            failure(["survey", "answer", "s", "--json"])?.message == Self.unknownOption("--json"),
            "show's option, not answer's")
        #expect(
            failure(["survey"])?.message
                == localized("usage.missing.subcommand", ["command": "survey", "names": "answer, show"]))
        #expect(
            failure(["help", "nothing"])?.message.hasPrefix(localized("usage.no.help", ["word": "\"nothing\""])) == true
        )
        #expect(
            failure(["survey", "show", "s", "--zzzzzz"])?.message == Self.unknownOption("--zzzzzz"), "nothing close")
        #expect(failure(["report", "x", "-x"])?.message.hasPrefix(Self.unknownOption("-x")) == true)
    }

    @Test func aBodysUsageErrorCarriesItsCommandsUsage() {
        do {
            try table().run(["survey", "answer", "usage-error"])
            Issue.record("no error")
        } catch let error as UsageError {
            #expect(error.usage == "renkei survey answer SURVEY ITEM VALUE [--home DIR]")
        } catch { Issue.record("\(error)") }
    }

    @Test func helpWrapsLongTextUnderItsColumn() throws {
        let long = CommandOption.flag(
            "--apply", String(repeating: "Really delete the files that no document names any more. ", count: 3))
        let root = Command(
            "gc", summary: "Collect", usage: ["gc [--apply]"], options: [long], run: { _ in })
        let help = try #require(CommandTable(program: "x", version: "1", root: root).help(for: []))
        #expect(help.split(separator: "\n").allSatisfy { $0.count <= 96 }, "\(help)")
        #expect(help.contains("  --apply  Really delete"))
    }

    @Test func aValueOptionMayComeBeforeTheVerbThatDeclaresIt() throws {
        #expect(try run(["-o", "out.xlsx", "report", "x"]) == ["report", "output=out.xlsx", "x"])
        #expect(try run(["--output", "out.xlsx", "report", "x"]) == ["report", "output=out.xlsx", "x"])
    }

    @Test func aCommandWithABodyKeepsItsOptionsFromItsVerbs() throws {
        let table = table()
        #expect(try run(["audit", "--json"]) == ["audit", "json"])
        do {
            _ = try table.resolve(["audit", "verify", "--json"])
            Issue.record("audit's --json accepted by audit verify")
        } catch { #expect(error.message == Self.unknownOption("--json")) }
        #expect(table.options(of: ["audit"])?.map(\.name) == ["--json", "--home"])
        #expect(table.options(of: ["audit", "verify"])?.map(\.name) == ["--home"])
        #expect(table.options(of: ["survey", "show"])?.map(\.name) == ["--json", "--home"], "survey shares none")
        #expect(table.options(of: ["nothing"]) == nil)
        let verifyHelp = try #require(table.help(for: ["audit", "verify"]))
        #expect(!verifyHelp.contains("--json") && verifyHelp.contains("--home DIR"), "the root group shares --home")
    }

    @Test func aWordAfterARunnableGroupIsItsArgumentUnlessCloseToAVerb() throws {
        #expect(try run(["audit", "zzz"]) == ["audit", "zzz"])
        do {
            _ = try table().resolve(["audit", "verfy"])
            Issue.record("no error")
        } catch {
            #expect(error.message == Self.unknownVerb("\"verfy\"", suggesting: "verify"))
            #expect(error.command == "audit")
        }
    }

    @Test func usageErrorsNameTheirCommand() {
        do {
            _ = try table().resolve(["survey", "show", "s", "--jsno"])
            Issue.record("no error")
        } catch { #expect(error.command == "survey show") }
        do {
            _ = try table().resolve(["survy"])
            Issue.record("no error")
        } catch { #expect(error.command == "") }
    }

    @Test func groupsShowTheirVerbsUsageAndExamplesAndTheRootItsOwnOptions() throws {
        let table = table()
        let survey = try #require(table.help(for: ["survey"]))
        #expect(survey.contains(localized("help.examples") + "\n  renkei survey answer osaka-dx-2025 B07 12"))
        let audit = try #require(table.help(for: ["audit"]))
        #expect(
            audit.contains(Self.usageLead + "renkei audit [--json]\n" + Self.usageIndent + "renkei audit verify"),
            "its own, then its verbs'")
        let root = try #require(table.help(for: []))
        #expect(root.contains("  -h, --help") && root.contains("  --version") && root.contains("  --home DIR"))
        #expect(!survey.contains("--version"))
    }

    @Test func longUsageLinesWrapUnderTheirFirstArgument() throws {
        let options = (1...8).map { "[--option-number-\($0) VALUE]" }.joined(separator: " ")
        let root = Command(
            "x", summary: "X", verbs: [Command("serve", summary: "Serve", usage: ["serve \(options)"], run: { _ in })])
        let help = try #require(CommandTable(program: "x", version: "1", root: root).help(for: ["serve"]))
        let usage = help.split(separator: "\n").filter { $0.contains("--option-number") }
        #expect(usage.count > 1 && usage.allSatisfy { $0.count <= 96 }, "\(help)")
        #expect(
            usage.dropFirst().allSatisfy {
                $0.hasPrefix(Self.usageIndent + String(repeating: " ", count: 8) + "[--option")
            })
        #expect(usage.allSatisfy { $0.filter { $0 == "[" }.count == $0.filter { $0 == "]" }.count }, "never split")
    }

    @Test func notesKeepTheirLinesAndTheirIndent() throws {
        let root = Command(
            "gc", summary: "Collect", usage: ["gc"],
            notes: "Exit statuses:\n  1  failed\n  0  " + String(repeating: "nothing went wrong at all ", count: 6),
            run: { _ in })
        let help = try #require(CommandTable(program: "x", version: "1", root: root).help(for: []))
        let lines = help.split(separator: "\n").drop { !$0.hasPrefix("Exit") }.dropFirst()
        #expect(lines.count > 2 && lines.allSatisfy { $0.hasPrefix("  ") && $0.count <= 96 }, "\(help)")
        #expect(lines.first == "  1  failed", "a line that fits is kept as written")
    }

    @Test func aVerbIsNamedByItsNameOrAnAlias() throws {
        #expect(try run(["survey", "view", "s", "--json"]) == ["show", "json", "s"])
        let table = table()
        #expect(table.help(for: ["survey", "view"]) == table.help(for: ["survey", "show"]))
        guard case .show(let viaHelp) = try table.resolve(["help", "survey", "view"]) else {
            Issue.record("no help")
            return
        }
        #expect(viaHelp == table.help(for: ["survey", "show"]))
        let group = try #require(table.help(for: ["survey"]))
        #expect(group.contains("  show, view  Show a survey"), "\(group)")
        do {
            _ = try table.resolve(["survey", "veiw", "s"])
            Issue.record("no error")
        } catch { #expect(error.message == Self.unknownVerb("\"veiw\"", suggesting: "view")) }
    }

    @Test func versionMayFollowTheProgramsOwnOptions() throws {
        guard case .show(let version) = try table().resolve(["--home", "/h", "--version"]) else {
            Issue.record("no version")
            return
        }
        #expect(version == "renkei 1.2.3")
        guard case .show(let help) = try table().resolve(["--home", "/h"]) else {
            Issue.record("no help")
            return
        }
        #expect(help.hasPrefix(localized("help.overview") + " The client"))
    }

    // The texts the table shows, in the language of the test process (`Language.current`).

    /// `USAGE: ` (or `使い方: `): what usage lines follow in help.
    static var usageLead: String { localized("help.usage") + " " }
    /// The indent of a usage line after the first: as wide as `usageLead`.
    static var usageIndent: String { String(repeating: " ", count: DisplayWidth.of(usageLead)) }

    static func unknownOption(_ option: String) -> String { localized("usage.unknown.option", ["option": option]) }

    static func unknownVerb(_ quoted: String, suggesting word: String) -> String {
        localized("usage.unknown.subcommand", ["word": quoted]) + localized("usage.did.you.mean", ["word": word])
    }
}
