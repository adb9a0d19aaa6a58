import Foundation
import Localization

/// Output conventions shared by `renkei` and `renkei-server`: results on stdout, diagnostics
/// on stderr, exit statuses from sysexits(3).
public enum Terminal {
    /// Exit statuses.
    public enum ExitStatus: Int32, Sendable {
        case success = 0
        /// The command ran but failed (e.g. a store error).
        case failure = 1
        /// Wrong arguments (EX_USAGE).
        case usage = 64
        /// Bad input data, e.g. malformed JSON (EX_DATAERR).
        case dataError = 65
        /// A file could not be opened or is not what it should be (EX_NOINPUT).
        case noInput = 66
        /// A service (the server) could not be reached (EX_UNAVAILABLE).
        case unavailable = 69
        /// Not allowed: the user's role may not do this (EX_NOPERM).
        case noPermission = 77
    }

    /// Writes `text` and a newline to standard error.
    public static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes bytes to standard output as they are.
    public static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Whether standard output is a terminal (progress bars and colours only then).
    public static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether standard error is a terminal (where progress lines go).
    public static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Runs a command body, mapping errors to a message on stderr and an exit status.
    public static func run(program: String, _ body: () throws -> Void) -> Never {
        do {
            try body()
            exit(ExitStatus.success.rawValue)
        } catch {
            exit(report(error, program: program).rawValue)
        }
    }

    /// Prints `error` for people and returns the exit status it calls for.
    public static func report(_ error: any Error, program: String) -> ExitStatus {
        switch error {
        case let error as UsageError:
            let usage = error.usage.map { localized("usage.error.lead") + " " + $0 + "\n" } ?? ""
            let command = [program] + (error.command.map { $0.isEmpty ? [] : [$0] } ?? [])
            let hint = localized("usage.see.help", ["command": command.joined(separator: " ") + " --help"])
            printError(errorLine(error.message) + "\n" + usage + hint)
            return .usage
        case let error as CommandFailure:
            printError(errorLine(error.message))
            return error.status
        case let error as any HasExitStatus:
            printError(errorLine("\(error)"))
            return error.exitStatus
        default:
            printError(errorLine("\(error)"))
            return .failure
        }
    }
}

extension Terminal {
    /// `エラー: message` / `Error: message`: how every failure starts on stderr.
    public static func errorLine(_ message: String) -> String { localized("error.line", ["message": message]) }
}

/// A failure a command reports with its own exit status.
public struct CommandFailure: Error, CustomStringConvertible {
    public let message: String
    public let status: Terminal.ExitStatus
    public init(_ message: String, status: Terminal.ExitStatus = .failure) {
        self.message = message
        self.status = status
    }
    public var description: String { message }
}

/// An error of a library that knows which exit status it calls for (`Terminal.report` uses it),
/// so that the status is chosen once, beside the error, and not by every command that meets it.
public protocol HasExitStatus: Error, CustomStringConvertible {
    var exitStatus: Terminal.ExitStatus { get }
}
