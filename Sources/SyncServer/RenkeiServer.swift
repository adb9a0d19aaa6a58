import CommandLineSupport

/// `renkei-server`: the prefecture's server. Its commands are declared in `ServerCommands`.
@main
enum RenkeiServer {
    static func main() {
        // A connection thread allocates its request and answer buffers; with glibc's default of
        // up to 8 arenas per core, 43 municipalities syncing at once left each thread's freed
        // buffers in an arena of its own (server peak RSS 92 MiB in `renkei-bench load`).
        Malloc.limitArenas(to: 2)
        // Request bodies and decoded batches of a burst (hundreds of KiB each) get mappings of
        // their own, returned to the system when freed, instead of growing the heaps (glibc
        // would otherwise raise its threshold after the first large free).
        Malloc.mapAllocations(atLeast: 256 * 1024)
        Terminal.run(program: ServerCommands.table.program) {
            try ServerCommands.table.run(Array(CommandLine.arguments.dropFirst()))
        }
    }
}
