import Foundation

/// The language people read: Japanese unless the environment asks for English.
///
/// `RENKEI_LANG` (`ja` or `en`) decides first; otherwise the POSIX locale variables in their
/// order of precedence (`LC_ALL`, `LC_MESSAGES`, `LANG`, the first one set and not empty): a
/// locale starting with `en`, or `C` / `POSIX` (a machine with no locale set up, where Japanese
/// may not display), reads English; anything else, or none, reads Japanese.
public enum Language: String, Sendable, CaseIterable {
    case japanese = "ja"
    case english = "en"

    /// The language of this process, read from its environment once.
    public static let current = Language(environment: ProcessInfo.processInfo.environment)

    /// The language `environment` asks for.
    public init(environment: [String: String]) {
        if let chosen = environment["RENKEI_LANG"].flatMap(Language.named) {
            self = chosen
            return
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        self = locale.map(Language.ofLocale) ?? .japanese
    }

    /// `ja`, `japanese`, `en`, `english` (any case); nil for anything else.
    public static func named(_ name: String) -> Language? {
        switch name.lowercased() {
        case "ja", "japanese", "jp": .japanese
        case "en", "english": .english
        default: nil
        }
    }

    /// The language of a POSIX locale name (`ja_JP.UTF-8`, `en_US`, `C.UTF-8`).
    static func ofLocale(_ locale: String) -> Language {
        let name = locale.prefix { $0 != "." && $0 != "@" }
        if name == "C" || name == "POSIX" || name.hasPrefix("en") { return .english }
        return .japanese
    }
}
