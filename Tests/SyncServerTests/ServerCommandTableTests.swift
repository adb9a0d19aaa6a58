import CommandLineSupport
import Localization
import Testing

@testable import SyncServer

/// `renkei-server`'s command table, walked: every command explains itself.
@Suite struct ServerCommandTableTests {
    @Test func everyCommandHasASummaryUsageAndAnExampleOrNote() throws {
        let table = ServerCommands.table
        let all = table.root.all
        #expect(all.count == 29, "the root, its 5 commands, admin's 10 and the 13 beneath them")
        for (words, command) in all {
            let name = (["renkei-server"] + words).joined(separator: " ")
            #expect(!command.summary.isEmpty, "\(name)")
            let help = try #require(table.help(for: words))
            #expect(help.contains(localized("help.usage") + " \(name)"), "\(name)")
            if command.verbs.isEmpty {
                #expect(!command.usage.isEmpty, "\(name) declares its usage")
                #expect(!command.examples.isEmpty || !command.notes.isEmpty, "\(name) has an example or a note")
                #expect(command.run != nil, "\(name) runs")
            } else {
                #expect(help.contains(localized("help.examples") + "\n  \(name)"), "\(name) shows its verbs' examples")
            }
            for example in command.examples {
                #expect(example.hasPrefix(words.joined(separator: " ")), "\(name): \(example)")
            }
        }
    }

    @Test func everyUsageLineNamesOnlyOptionsItsCommandAccepts() {
        for (words, command) in ServerCommands.table.root.all where command.run != nil {
            var path = [ServerCommands.table.root]
            for word in words { path.append(path.last!.verbs.first { $0.name == word }!) }
            let accepted = Set(
                path.enumerated().flatMap { index, command in
                    index == path.count - 1 || command.run == nil ? command.options.map(\.name) : []
                } + path.flatMap(\.options).compactMap(\.shortName))
            let named = command.usage.flatMap { line in
                line.split(whereSeparator: { " [|]".contains($0) }).filter { $0.hasPrefix("-") }.map(String.init)
            }
            for option in named {
                #expect(accepted.contains(option), "\(words.joined(separator: " ")) shows \(option)")
            }
        }
    }
}
