/// Every message people read from `renkei` and `renkei-server`, in Japanese and in English:
/// two catalogs with the same keys, each in parts by concern (`Catalog/Japanese+Sync.swift`
/// beside `Catalog/English+Sync.swift`). A template holds `{name}` placeholders that
/// `localized(_:_:)` fills.
public enum MessageCatalog {
    /// The Japanese catalog, merged from its parts.
    public static let japanese = merged(japaneseParts)
    /// The English catalog, merged from its parts.
    public static let english = merged(englishParts)

    /// The parts of the Japanese catalog, by concern.
    static let japaneseParts: [[String: String]] = [
        japaneseCommon, japaneseErrors, japaneseReplica, japaneseSurvey, japaneseHearing, japaneseDocs,
        japaneseReport, japaneseServer, japaneseUI,
    ]
    /// The parts of the English catalog, in the same order.
    static let englishParts: [[String: String]] = [
        englishCommon, englishErrors, englishReplica, englishSurvey, englishHearing, englishDocs, englishReport,
        englishServer, englishUI,
    ]

    /// The catalog of `language`.
    public static func catalog(_ language: Language) -> [String: String] {
        language == .japanese ? japanese : english
    }

    /// Keys that appear in more than one part of a catalog (the tests require none).
    public static func repeatedKeys(_ language: Language) -> [String] {
        let parts = language == .japanese ? japaneseParts : englishParts
        var seen: Set<String> = []
        return parts.flatMap(\.keys).filter { !seen.insert($0).inserted }.sorted()
    }

    /// The placeholders (`{name}`) of a template, in order of appearance.
    public static func placeholders(_ template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    static func text(_ key: String, _ values: [String: Any], in language: Language) -> String {
        let other: Language = language == .japanese ? .english : .japanese
        let template = catalog(language)[key] ?? catalog(other)[key] ?? key
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            result += rest[..<open]
            if let value = values[name] { result += "\(value)" } else { result += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private static func merged(_ parts: [[String: String]]) -> [String: String] {
        parts.reduce(into: [:]) { catalog, part in catalog.merge(part) { first, _ in first } }
    }
}
