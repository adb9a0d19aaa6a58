import Foundation
import Localization

/// The arguments of one command, consumed piece by piece: options (`--data DIR` or
/// `--data=DIR`), flags (`--json`), then positionals. `finish()` refuses anything left over, so a
/// misspelt option is an error rather than silently ignored.
///
/// ```swift
/// var arguments = ArgumentList(["--data", "/srv/renkei", "--json"])
/// let data = try arguments.option("--data") ?? "./renkei-data"
/// let json = arguments.flag("--json")
/// try arguments.finish()
/// ```
public struct ArgumentList: Sendable {
    private var remaining: [String]

    public init(_ arguments: some Sequence<String>) {
        remaining = Array(arguments)
    }

    /// Whether nothing is left.
    public var isEmpty: Bool { remaining.isEmpty }

    /// Removes and returns the value of `--name VALUE` or `--name=VALUE`, if present.
    ///
    /// - Throws: `UsageError` when the option is given without a value, or twice.
    public mutating func option(_ name: String) throws(UsageError) -> String? {
        var found: String?
        var index = 0
        while index < remaining.count {
            let argument = remaining[index]
            if argument == "--" { break }
            var value: String?
            if argument == name {
                guard index + 1 < remaining.count, !remaining[index + 1].hasPrefix("--") else {
                    throw UsageError(localized("usage.option.needs.value", ["option": name]))
                }
                value = remaining[index + 1]
                remaining.removeSubrange(index...(index + 1))
            } else if argument.hasPrefix(name + "=") {
                value = String(argument.dropFirst(name.count + 1))
                remaining.remove(at: index)
            } else {
                index += 1
                continue
            }
            if found != nil { throw UsageError(localized("usage.option.twice", ["option": name])) }
            found = value
        }
        return found
    }

    /// Removes `--name` and returns whether it was there.
    public mutating func flag(_ name: String) -> Bool {
        guard let index = remaining.prefix(while: { $0 != "--" }).firstIndex(of: name) else { return false }
        remaining.remove(at: index)
        return true
    }

    /// Removes and returns the next positional argument, which must be there.
    public mutating func positional(_ what: String) throws(UsageError) -> String {
        guard let value = optionalPositional() else { throw UsageError(localized("usage.missing", ["what": what])) }
        return value
    }

    /// Removes and returns the next positional argument, if any. After `--`, every argument is
    /// positional, even one that starts with dashes.
    public mutating func optionalPositional() -> String? {
        let separator = remaining.firstIndex(of: "--") ?? remaining.endIndex
        if let index = remaining[..<separator].firstIndex(where: { !$0.hasPrefix("--") }) {
            return remaining.remove(at: index)
        }
        guard separator + 1 < remaining.count else { return nil }
        return remaining.remove(at: separator + 1)
    }

    /// Refuses leftovers: unknown options or extra positionals.
    public func finish() throws(UsageError) {
        guard let first = remaining.first(where: { $0 != "--" }) else { return }
        if first.hasPrefix("--") { throw UsageError(localized("usage.unknown.option", ["option": first])) }
        throw UsageError(localized("usage.unexpected.argument", ["argument": first]))
    }
}

/// A mistake in how a command was called: printed with a hint to `--help`, exit status 64.
public struct UsageError: Error, CustomStringConvertible {
    public let message: String
    /// The command's short usage line(s), added by the dispatcher that knows the command.
    public var usage: String?
    /// The words that name the command after the program's (`admin user add`), added by the
    /// dispatcher, so that the hint points to that command's `--help`; empty or nil: the
    /// program's.
    public var command: String?
    public init(_ message: String, usage: String? = nil, command: String? = nil) {
        self.message = message
        self.usage = usage
        self.command = command
    }
    public var description: String { message }
}
