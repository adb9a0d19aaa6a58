import Foundation
import Testing

@testable import Localization

@Suite struct MessageCatalogTests {
    @Test func bothCatalogsHaveEveryKey() {
        let japanese = Set(MessageCatalog.japanese.keys)
        let english = Set(MessageCatalog.english.keys)
        #expect(japanese.subtracting(english).sorted() == [], "keys only in the Japanese catalog")
        #expect(english.subtracting(japanese).sorted() == [], "keys only in the English catalog")
        #expect(japanese.count > 20)
    }

    @Test func noKeyIsDeclaredTwice() {
        #expect(MessageCatalog.repeatedKeys(.japanese) == [])
        #expect(MessageCatalog.repeatedKeys(.english) == [])
    }

    @Test func bothLanguagesFillTheSamePlaceholders() {
        for (key, japanese) in MessageCatalog.japanese {
            guard let english = MessageCatalog.english[key] else { continue }
            #expect(
                Set(MessageCatalog.placeholders(japanese)) == Set(MessageCatalog.placeholders(english)),
                "placeholders of \(key)")
        }
    }

    /// A Japanese entry is written in Japanese: it holds kana or kanji, unless it is only a
    /// placeholder, a symbol or a name that is the same in both languages.
    @Test func japaneseEntriesAreJapanese() {
        let untranslated = MessageCatalog.japanese.filter { key, text in
            let stripped = MessageCatalog.placeholders(text).reduce(text) {
                $0.replacingOccurrences(of: "{\($1)}", with: "")
            }
            let hasLetters = stripped.unicodeScalars.contains { CharacterSet.letters.contains($0) }
            let japanese = stripped.unicodeScalars.contains {
                (0x3040...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value)
            }
            return hasLetters && !japanese && MessageCatalog.english[key] == text && !Self.sameInBoth.contains(key)
        }
        #expect(untranslated.keys.sorted() == [])
    }

    /// Entries that read the same in both languages (names, formats).
    static let sameInBoth: Set<String> = []

    /// Every key the sources look up (`localized("key"`) is in both catalogs, and every key of
    /// the catalogs is looked up somewhere (so neither grows dead entries).
    @Test func theSourcesUseExactlyTheCatalogsKeys() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        var used: Set<String> = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let file as URL in files where file.pathExtension == "swift" {
            guard !file.path.contains("/Localization/Catalog/") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            used.formUnion(Self.lookedUpKeys(in: text))
        }
        let known = Set(MessageCatalog.japanese.keys).intersection(MessageCatalog.english.keys)
        #expect(used.subtracting(known).sorted() == [], "looked up but not in both catalogs")
        #expect(known.subtracting(used).sorted() == [], "in the catalogs but never looked up")
    }

    /// The keys `text` passes as literals to `localized(` (the literal may start on the next
    /// line, where a formatter wraps a long call).
    static func lookedUpKeys(in text: String) -> Set<String> {
        var keys: Set<String> = []
        var rest = Substring(text)
        while let range = rest.range(of: "localized(") {
            let tail = rest[range.upperBound...].drop { $0 == " " || $0 == "\n" }
            rest = tail
            guard tail.first == "\"" else { continue }
            let literal = tail.dropFirst()
            guard let end = literal.firstIndex(of: "\"") else { break }
            keys.insert(String(literal[..<end]))
            rest = literal[end...]
        }
        return keys
    }

    @Test func placeholdersAreFilledAndMissingOnesShow() {
        #expect(localized("usage.option.twice", ["option": "--data"], in: .english) == "--data is given twice")
        #expect(localized("usage.option.twice", ["option": "--data"], in: .japanese) == "--data が 2 回指定されています")
        #expect(localized("usage.option.twice", in: .english) == "{option} is given twice")
        #expect(localized("no.such.key", in: .japanese) == "no.such.key")
    }
}
