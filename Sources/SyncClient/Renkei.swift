import CommandLineSupport

/// `renkei`: a municipality's (or the advisor's) command-line client. Every command here works
/// offline against the local replica. Its commands are declared in `ClientCommands`.
@main
enum Renkei {
    static func main() {
        // File transfers pass pieces of several MiB through threads of their own; with glibc's
        // default of up to 8 arenas per core each thread's arena keeps freed pieces, and a
        // 1 GiB transfer peaked near 100 MiB. Two arenas keep it near 50 MiB and cost less
        // time than mapping every large buffer (measured in `renkei-bench files`).
        Malloc.limitArenas(to: 2)
        Terminal.run(program: ClientCommands.table.program) {
            try ClientCommands.table.run(Array(CommandLine.arguments.dropFirst()))
        }
    }
}
