import Foundation

/// Runs the project's real binaries (built next to the test bundle) and captures their output.
public enum CommandRunner {
    /// What a finished process left behind.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The directory holding the built products (`.build/<triple>/debug`).
    public static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// The path of a built executable (or of a system program given by absolute path); records
    /// why when it is missing.
    public static func executable(_ name: String) throws -> URL {
        let url = name.hasPrefix("/") ? URL(fileURLWithPath: name) : productsDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw MissingProduct(name: name, directory: productsDirectory.path)
        }
        return url
    }

    public struct MissingProduct: Error, CustomStringConvertible {
        let name: String
        let directory: String
        public var description: String { "\(name) is not built in \(directory): run `swift build` before `swift test`" }
    }

    /// Starts `name` without waiting (output discarded), e.g. to kill it midway.
    public static func start(
        _ name: String, _ arguments: [String], environment: [String: String] = [:]
    ) throws -> Process {
        let process = try prepare(name, arguments, environment: environment, directory: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    private static func prepare(
        _ name: String, _ arguments: [String], environment: [String: String], directory: String?
    ) throws -> Process {
        let process = Process()
        process.executableURL = try executable(name)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        // Messages in English unless a test asks for a language: most tests read English output;
        // the language tests set RENKEI_LANG or LANG themselves.
        merged["RENKEI_LANG"] = "en"
        for (key, value) in environment { merged[key] = value }
        if environment["LANG"] != nil || environment["LC_ALL"] != nil, environment["RENKEI_LANG"] == nil {
            merged["RENKEI_LANG"] = nil
        }
        process.environment = merged
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        return process
    }

    /// Runs `name` with `arguments` (in `directory` when given), stdin closed, and waits at most
    /// `timeout` seconds.
    public static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
        timeout: TimeInterval = 60
    ) throws -> Result {
        let process = try prepare(name, arguments, environment: environment, directory: directory)
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while the process runs, so a full pipe never blocks it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        // Safe: each variable is written by exactly one block and read only after group.wait().
        group.enter()
        DispatchQueue.global().async {
            outData = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            group.wait()
        }
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
