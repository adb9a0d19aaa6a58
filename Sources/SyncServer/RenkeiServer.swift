import CommandLineSupport
import Foundation
import Models

/// `renkei-server`: the prefecture's server. Entry point and subcommand dispatch.
@main
enum RenkeiServer {
    static let overview = """
        OVERVIEW: The prefecture's Renkei server: the shared database every municipality's
        replica synchronises with, and the shared file store for their documents.

        USAGE: renkei-server <subcommand> [options]

        SUBCOMMANDS:
          serve     Serve sync over HTTP (creates the data directory on first start)
          init      Create the data directory and its database (safe to run again)
          status    Show what the server database holds
          admin     Provisioning and maintenance: municipalities, users, tokens, audit,
                    backup and restore, stored files
          federate  Send this server's data up to an upstream (national) server

        OPTIONS:
          -h, --help     Show help for renkei-server or a subcommand
          --version      Show the version

        See `renkei-server <subcommand> --help` for each subcommand's options.
        """

    static let version = "0.1.0"

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        Terminal.run(program: "renkei-server") {
            guard let subcommand = arguments.first else {
                print(overview)
                return
            }
            arguments.removeFirst()
            let wantsHelp = arguments.contains("--help") || arguments.contains("-h")
            switch subcommand {
            case "-h", "--help", "help":
                print(overview)
            case "--version":
                print("renkei-server \(version)")
            case "serve":
                if wantsHelp { print(ServeCommand.help) } else { try ServeCommand(ArgumentList(arguments)).run() }
            case "init":
                if wantsHelp { print(InitCommand.help) } else { try InitCommand(ArgumentList(arguments)).run() }
            case "status":
                if wantsHelp { print(StatusCommand.help) } else { try StatusCommand(ArgumentList(arguments)).run() }
            case "admin":
                if wantsHelp { print(AdminCommand.help) } else { try AdminCommand(ArgumentList(arguments)).run() }
            case "federate":
                if wantsHelp { print(FederateCommand.help) } else { try FederateCommand(ArgumentList(arguments)).run() }
            default:
                throw UsageError("unknown subcommand \(Printable.quoted(subcommand))")
            }
        }
    }
}
