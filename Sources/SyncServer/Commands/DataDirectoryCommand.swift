import CommandLineSupport

/// A command that reads only `--data DIR` and `--json` (`init`, `status`).
protocol DataDirectoryCommand {
    init(data: ServerDataDirectory, json: Bool)
}

extension DataDirectoryCommand {
    /// Reads `--data DIR` and `--json`; anything else is a usage error.
    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        let data = try ServerDataDirectory(&arguments)
        let json = arguments.flag(ServerOptions.json)
        try arguments.finish()
        self.init(data: data, json: json)
    }
}
