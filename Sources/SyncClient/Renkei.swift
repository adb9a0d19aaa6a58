import CommandLineSupport
import Foundation
import Models

/// `renkei`: a municipality's (or the advisor's) command-line client. Every command here works
/// offline against the local replica.
@main
enum Renkei {
    static let overview = """
        OVERVIEW: Renkei keeps a local replica of your municipality's survey answers, hearing
        records and documents. Everything works offline.

        USAGE: renkei <subcommand> [options]

        SUBCOMMANDS:
          init      Create the local replica for a municipality (or for the advisor)
          login     Connect to the prefecture's server with your token
          sync      Send local changes to the server and receive everyone else's
          put       Write one field of one record
          get       Show one field, with every version if there is a conflict
          status    Show the replica: pending changes, conflicts, identity
          conflicts List fields with conflicting versions, or resolve one
          survey    Publish, list, show and answer surveys
          hearing   Record hearings with a municipality and their questions and answers
          docs      Share documents through the prefecture's file store
          report    Consolidated tables for the prefecture (CSV, Excel, JSON, Markdown)
          dump      Print every register as canonical JSON lines (for scripts and checks)
          rejected  Changes the server refused: see why, retry after a fix, or drop them

        OPTIONS:
          --home DIR     Where the replica lives (default: $RENKEI_HOME, else ~/.renkei)
          -h, --help     Show help for renkei or a subcommand
          --version      Show the version

        EXAMPLES:
          renkei init --scope 271004 --user tanaka
          renkei login --server http://renkei.example.lg.jp:8080 --token -
          renkei sync
          renkei put answers osaka-dx-2025/271004/A05 value 12
          renkei get answers osaka-dx-2025/271004/A05 value
        """

    static let version = "0.1.0"

    static func main() {
        // File transfers pass pieces of several MiB through threads of their own; with glibc's
        // default of up to 8 arenas per core each thread's arena keeps freed pieces, and a
        // 1 GiB transfer peaked near 100 MiB. Two arenas keep it near 50 MiB and cost less
        // time than mapping every large buffer (measured in `renkei-bench files`).
        Malloc.limitArenas(to: 2)
        var arguments = Array(CommandLine.arguments.dropFirst())
        Terminal.run(program: "renkei") {
            // The subcommand is the first word that is not the global `--home DIR`.
            var index = 0
            while index < arguments.count {
                if arguments[index] == "--home" {
                    index += 2
                } else if arguments[index].hasPrefix("--home=") {
                    index += 1
                } else {
                    break
                }
            }
            guard index < arguments.count else {
                print(overview)
                return
            }
            let subcommand = arguments.remove(at: index)
            let wantsHelp = arguments.contains("--help") || arguments.contains("-h")
            let commands: [String: (help: String, run: (ArgumentList) throws -> Void)] = [
                "sync": (SyncCommand.help, { try SyncCommand($0).run() }),
                "init": (InitCommand.help, { try InitCommand($0).run() }),
                "login": (LoginCommand.help, { try LoginCommand($0).run() }),
                "put": (PutCommand.help, { try PutCommand($0).run() }),
                "get": (GetCommand.help, { try GetCommand($0).run() }),
                "status": (StatusCommand.help, { try StatusCommand($0).run() }),
                "dump": (DumpCommand.help, { try DumpCommand($0).run() }),
                "conflicts": (ConflictsCommand.help, { try ConflictsCommand($0).run() }),
                "survey": (SurveyCommand.help, { try SurveyCommand($0).run() }),
                "hearing": (HearingCommand.help, { try HearingCommand($0).run() }),
                "docs": (DocsCommand.help, { try DocsCommand($0).run() }),
                "report": (ReportCommand.help, { try ReportCommand($0).run() }),
                "rejected": (RejectedCommand.help, { try RejectedCommand($0).run() }),
            ]
            switch subcommand {
            case "-h", "--help", "help":
                print(overview)
            case "--version":
                print("renkei \(version)")
            default:
                guard let command = commands[subcommand] else {
                    throw UsageError("unknown subcommand \(Printable.quoted(subcommand))")
                }
                if wantsHelp {
                    print(command.help)
                    return
                }
                do {
                    try command.run(ArgumentList(arguments))
                } catch var error as UsageError {
                    error.usage = error.usage ?? UsageError.usageLines(of: command.help)
                    throw error
                }
            }
        }
    }
}
