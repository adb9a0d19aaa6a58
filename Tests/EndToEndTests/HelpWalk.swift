import Foundation
import TestSupport
import Testing

/// A program's commands as its binary explains them, walked from the top-level help down every
/// SUBCOMMANDS list: each help has an overview, its own usage and an example or a note;
/// `VERB --help` prints what `help VERB` prints, and so does every alias of a verb.
enum HelpWalk {
    /// The names of the commands walked (`renkei docs ls`), each checked on the way.
    static func commands(of program: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        var pending: [[String]] = [[]]
        var seen: [String] = []
        while let words = pending.popLast() {
            let name = ([program] + words).joined(separator: " ")
            seen.append(name)
            let help = try CommandRunner.run(program, ["help"] + words)
            #expect(help.status == 0, "\(name): \(help.stderr)", sourceLocation: sourceLocation)
            if !words.isEmpty {
                let flag = try CommandRunner.run(program, words + ["--help"])
                #expect(flag.stdout == help.stdout, "\(name) --help is help \(words)", sourceLocation: sourceLocation)
            }
            let sections = help.stdout.trimmingCharacters(in: .newlines).components(separatedBy: "\n\n")
            let headings = ["OVERVIEW: ", "USAGE: ", "SUBCOMMANDS:", "OPTIONS:", "EXAMPLES:", "See `"]
            #expect(
                sections.first.map { $0.count > "OVERVIEW: ".count + 10 && $0.hasPrefix("OVERVIEW: ") } == true,
                "\(name)", sourceLocation: sourceLocation)
            #expect(sections.contains { $0.hasPrefix("USAGE: \(name)") }, "\(name)", sourceLocation: sourceLocation)
            let notes = sections.dropFirst().filter { section in !headings.contains { section.hasPrefix($0) } }
            let examples = sections.first { $0.hasPrefix("EXAMPLES:\n  \(program)") }
            #expect(
                examples != nil || !notes.isEmpty, "\(name) has an example or a note", sourceLocation: sourceLocation)
            guard let list = sections.first(where: { $0.hasPrefix("SUBCOMMANDS:\n") }) else { continue }
            for line in list.split(separator: "\n").dropFirst() where !line.hasPrefix("   ") {
                // `  ls, list    List the documents…`: the verb, its aliases, its summary.
                let columns = line.dropFirst(2).components(separatedBy: "  ")
                let names = columns[0].components(separatedBy: ", ")
                let summary = columns.dropFirst().joined().trimmingCharacters(in: .whitespaces)
                #expect(summary.count > 5, "\(line)", sourceLocation: sourceLocation)
                for alias in names.dropFirst() {
                    let aliased = try CommandRunner.run(program, words + [alias, "--help"])
                    let named = try CommandRunner.run(program, ["help"] + words + [names[0]])
                    #expect(
                        aliased.status == 0 && aliased.stdout == named.stdout, "\(name) \(alias) is \(names[0])",
                        sourceLocation: sourceLocation)
                }
                pending.append(words + [names[0]])
            }
        }
        return seen
    }
}
