import CommandLineSupport

/// `renkei-server`: the prefecture's server. Its commands are declared in `ServerCommands`.
@main
enum RenkeiServer {
    static func main() {
        Terminal.run(program: ServerCommands.table.program) {
            try ServerCommands.table.run(Array(CommandLine.arguments.dropFirst()))
        }
    }
}
