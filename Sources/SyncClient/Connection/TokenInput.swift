import CommandLineSupport
import Foundation
import Localization
import Models
import SyncProtocol

/// Where `renkei login` reads the token from: standard input (`--token -`) or a file
/// (`--token-file FILE`). Never the command line itself: arguments stay in the shell's history
/// and every local user sees them in `ps`, so `--token rk_…` is refused before anything is read.
enum TokenInput: Equatable {
    /// `--token -`: one line from standard input; on a terminal after a prompt, without echo.
    case standardInput
    /// `--token-file FILE`: the file's first line; the file must be readable by its owner only.
    case file(String)

    /// How to give a token, for messages.
    static var howTo: String { localized("connection.token.how.to") }

    /// Reads `--token -` or `--token-file FILE` from `arguments`.
    ///
    /// - Throws: `UsageError` for a token on the command line, for both options, or for neither.
    init(_ arguments: inout ArgumentList) throws(UsageError) {
        let token = try arguments.option(ClientOptions.token)
        let file = try arguments.option(ClientOptions.tokenFile)
        switch (token, file) {
        case ("-", nil): self = .standardInput
        case (nil, let file?): self = .file(file)
        case (nil, nil): throw UsageError(localized("connection.token.missing"))
        case (_?, _?): throw UsageError(localized("connection.token.both"))
        case (let given?, nil):
            // Whether it looks like a real token, which has now leaked into the shell's history.
            let leaked = Token(given.trimmingCharacters(in: .whitespaces)) != nil
            throw UsageError(
                leaked
                    ? localized("connection.token.on.command.line.leaked", ["howTo": Self.howTo])
                    : localized("connection.token.on.command.line", ["howTo": Self.howTo]))
        }
    }

    /// The token given.
    ///
    /// - Throws: `CommandFailure` (65) for standard input that holds no token,
    ///   `TokenFileError` for a file that cannot be used or holds no token (65 too).
    func read() throws -> Token {
        switch self {
        case .standardInput:
            let line =
                HiddenLine.inputIsTerminal ? HiddenLine.read(prompt: localized("connection.token.prompt")) : readLine()
            guard let token = Token((line ?? "").trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw CommandFailure(localized("connection.token.invalid"), status: .dataError)
            }
            return token
        case .file(let path):
            return try TokenFile(path: path).read()
        }
    }
}
