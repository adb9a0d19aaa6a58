import Foundation
import TestSupport
import Testing

/// Both binaries speak Japanese unless the environment asks for English: `LANG=C` (or an
/// English locale) gives English, `LANG=ja_JP.UTF-8` or no locale gives Japanese, `LC_ALL`
/// overrides `LANG` and `RENKEI_LANG` overrides both. Every help page in Japanese is Japanese.
@Suite struct LanguageTests {
    /// Runs `program` under exactly these language variables (the test's own are dropped).
    static func run(_ program: String, _ arguments: [String], _ language: [String: String]) throws
        -> CommandRunner.Result
    {
        // An empty RENKEI_LANG is ignored; LANG, LC_ALL and LC_MESSAGES are set to what the case
        // asks for, or emptied.
        var environment = ["RENKEI_LANG": "", "LANG": "", "LC_ALL": "", "LC_MESSAGES": ""]
        for (name, value) in language { environment[name] = value }
        return try CommandRunner.run(program, arguments, environment: environment)
    }

    @Test func theLocaleChoosesTheLanguageOfHelpAndErrors() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.path("nowhere")
        for program in ["renkei", "renkei-server"] {
            let english = try Self.run(program, ["--help"], ["LANG": "C"])
            let japanese = try Self.run(program, ["--help"], ["LANG": "ja_JP.UTF-8"])
            let unset = try Self.run(program, ["--help"], [:])
            #expect(english.stdout.hasPrefix("OVERVIEW: ") && english.stdout.contains("SUBCOMMANDS:"))
            #expect(japanese.stdout.hasPrefix("概要: ") && japanese.stdout.contains("サブコマンド:"))
            #expect(!japanese.stdout.contains("OVERVIEW") && !japanese.stdout.contains("SUBCOMMANDS"))
            #expect(unset.stdout == japanese.stdout, "Japanese unless asked for English")
            #expect(
                try Self.run(program, ["--help"], ["LANG": "C", "LC_ALL": "ja_JP.UTF-8"]).stdout == japanese.stdout)
            #expect(
                try Self.run(program, ["--help"], ["LANG": "ja_JP.UTF-8", "RENKEI_LANG": "en"]).stdout == english.stdout
            )
            #expect(try Self.run(program, ["--help"], ["LANG": "en_US.UTF-8"]).stdout == english.stdout)
        }

        // The same failure in each language, with the same exit status.
        let englishError = try Self.run("renkei", ["--home", missing, "status"], ["LANG": "C"])
        let japaneseError = try Self.run("renkei", ["--home", missing, "status"], ["LANG": "ja_JP.UTF-8"])
        #expect(englishError.status == 66 && japaneseError.status == 66)
        #expect(englishError.stderr.hasPrefix("Error: no replica in "), "\(englishError.stderr)")
        #expect(japaneseError.stderr.hasPrefix("エラー: "), "\(japaneseError.stderr)")
        #expect(japaneseError.stderr.contains("renkei init"), "the next step, in Japanese too")
        let usage = try Self.run("renkei", ["sync", "--evry", "10m"], ["LANG": "ja_JP.UTF-8"])
        #expect(usage.status == 64 && usage.stderr.contains("--every のことですか"), "\(usage.stderr)")
        #expect(usage.stderr.contains("使い方: renkei sync"))
        let server = try Self.run("renkei-server", ["status", "--data", missing], ["LANG": "ja_JP.UTF-8"])
        #expect(server.status != 0 && server.stderr.hasPrefix("エラー: "), "\(server.stderr)")
        let serverEnglish = try Self.run("renkei-server", ["status", "--data", missing], ["LANG": "C"])
        #expect(serverEnglish.stderr.hasPrefix("Error: "), "\(serverEnglish.stderr)")
    }

    /// Every command's help in Japanese: its overview and every subcommand's summary are
    /// written in Japanese (kana or kanji), none left in English.
    @Test func everyHelpPageIsJapanese() throws {
        for program in ["renkei", "renkei-server"] {
            var pending: [[String]] = [[]]
            var pages = 0
            while let words = pending.popLast() {
                let help = try Self.run(program, ["help"] + words, ["LANG": "ja_JP.UTF-8"]).stdout
                pages += 1
                let name = ([program] + words).joined(separator: " ")
                let sections = help.trimmingCharacters(in: .newlines).components(separatedBy: "\n\n")
                let overview = sections.first ?? ""
                #expect(overview.hasPrefix("概要: ") && Self.isJapanese(overview), "\(name): \(overview)")
                if let options = sections.first(where: { $0.hasPrefix("オプション:\n") }) {
                    for line in options.split(separator: "\n").dropFirst() where line.hasPrefix("  -") {
                        // `  --json  説明…`: the synopsis, then (unless it is on the next line) the help.
                        let text = line.dropFirst(2).components(separatedBy: "  ").dropFirst().joined()
                        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
                        #expect(Self.isJapanese(text), "\(name): \(line)")
                    }
                }
                guard let list = sections.first(where: { $0.hasPrefix("サブコマンド:\n") }) else { continue }
                for line in list.split(separator: "\n").dropFirst() where !line.hasPrefix("   ") {
                    let columns = line.dropFirst(2).components(separatedBy: "  ")
                    let verb = columns[0].components(separatedBy: ", ")[0]
                    let summary = columns.dropFirst().joined()
                    #expect(Self.isJapanese(summary), "\(name) \(verb): \(summary)")
                    pending.append(words + [verb])
                }
            }
            #expect(pages > 25, "\(program): \(pages) pages")
        }
    }

    /// Whether `text` holds kana or kanji.
    static func isJapanese<S: StringProtocol>(_ text: S) -> Bool {
        text.unicodeScalars.contains { (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }
}
