import CommandLineSupport
import Localization
import Testing

@testable import SyncClient

/// `renkei`'s command table, walked: every command explains itself, and its usage lines name
/// only options it accepts.
@Suite struct ClientCommandTableTests {
    let table = ClientCommands.table

    @Test func everyCommandHasASummaryUsageAndAnExampleOrNote() throws {
        let all = table.root.all
        #expect(all.count == 72, "the root, its 15 commands and the 56 verbs and subcommands beneath them")
        for (words, command) in all {
            let name = (["renkei"] + words).joined(separator: " ")
            let help = try #require(table.help(for: words), "\(name)")
            #expect(!command.summary.isEmpty && help.contains(localized("help.usage") + " \(name)"), "\(name)")
            #expect(command.examples.allSatisfy { $0.hasPrefix(words.joined(separator: " ")) }, "\(name)")
            guard command.verbs.isEmpty else {
                #expect(help.contains(localized("help.examples") + "\n  \(name)"), "\(name) shows its verbs' examples")
                continue
            }
            #expect(command.run != nil && !command.usage.isEmpty, "\(name) runs and declares its usage")
            #expect(!(command.examples + [command.notes]).joined().isEmpty, "\(name) has an example or a note")
        }
    }

    @Test func usageLinesNameOnlyOptionsTheirCommandAccepts() throws {
        for (words, command) in table.root.all where command.run != nil {
            let accepted = try #require(table.options(of: words)).flatMap {
                [$0.name] + [$0.shortName].compactMap { $0 }
            }
            for line in command.usage {
                let named = line.split { " []|()".contains($0) }.filter { $0.hasPrefix("-") && $0.count > 1 }
                for option in named {
                    #expect(accepted.contains(String(option)), "renkei \(words.joined(separator: " ")) shows \(option)")
                }
            }
        }
    }

    @Test func everyCommandWorksOnTheReplicaItsHomeNames() throws {
        #expect(table.root.options == [ClientOptions.home], "--home is the program's: every command accepts it")
        for (words, command) in table.root.all where command.run != nil {
            #expect(try #require(table.options(of: words)).last == ClientOptions.home, "\(words)")
        }
        let docs = try #require(table.root.all.first { $0.words == ["docs"] }?.command)
        #expect(docs.verbs.map { [$0.name] + $0.aliases }.contains(["ls", "list"]))
        #expect(docs.verbs.map { [$0.name] + $0.aliases }.contains(["rm", "remove"]))
    }
}
