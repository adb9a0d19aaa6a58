import Localization

/// One option a command accepts, declared once: the command table checks arguments against it,
/// the help lists it, and the command reads its value through it (`ArgumentList.option(_:)`).
public struct CommandOption: Sendable, Hashable {
    /// `--data`.
    public let name: String
    /// A one-letter spelling, e.g. `-o`.
    public let shortName: String?
    /// What the value is, for help (`DIR`); nil for a flag, which takes no value.
    public let valueName: String?
    /// One or two sentences for help.
    public let help: String

    /// An option that takes a value.
    public static func value(_ name: String, _ valueName: String, short: String? = nil, _ help: String)
        -> CommandOption
    {
        CommandOption(name: name, shortName: short, valueName: valueName, help: help)
    }

    /// A flag (present or not).
    public static func flag(_ name: String, short: String? = nil, _ help: String) -> CommandOption {
        CommandOption(name: name, shortName: short, valueName: nil, help: help)
    }

    /// How it is written in help: `--data DIR`, `-o, --output FILE`, `--json`.
    public var synopsis: String {
        let names = [shortName, name].compactMap { $0 }.joined(separator: ", ")
        return valueName.map { "\(names) \($0)" } ?? names
    }

    /// Whether `argument` (`--data`, `--data=x`, `-o`) names this option.
    func matches(_ argument: String) -> Bool {
        argument == name || argument.hasPrefix(name + "=") || (shortName != nil && argument == shortName)
    }
}

extension ArgumentList {
    /// Removes and returns the value of a declared option (`--name VALUE`, `--name=VALUE` or its
    /// short name), if present.
    public mutating func option(_ option: CommandOption) throws(UsageError) -> String? {
        let long = try self.option(option.name)
        guard let short = option.shortName else { return long }
        let other = try self.option(short)
        if long != nil && other != nil { throw UsageError(localized("usage.option.twice", ["option": option.name])) }
        return long ?? other
    }

    /// Removes a declared flag and returns whether it was there.
    public mutating func flag(_ option: CommandOption) -> Bool {
        let long = flag(option.name)
        let short = option.shortName.map { flag($0) } ?? false
        return long || short
    }
}
