import Testing

@testable import Localization

@Suite struct LanguageTests {
    @Test func japaneseUnlessEnglishIsAskedFor() {
        #expect(Language(environment: [:]) == .japanese)
        #expect(Language(environment: ["LANG": "ja_JP.UTF-8"]) == .japanese)
        #expect(Language(environment: ["LANG": "C"]) == .english)
        #expect(Language(environment: ["LANG": "C.UTF-8"]) == .english)
        #expect(Language(environment: ["LANG": "POSIX"]) == .english)
        #expect(Language(environment: ["LANG": "en_US.UTF-8"]) == .english)
        #expect(Language(environment: ["LANG": "de_DE.UTF-8"]) == .japanese)
        #expect(Language(environment: ["LANG": ""]) == .japanese)
    }

    @Test func theLocaleVariablesKeepTheirPrecedence() {
        #expect(Language(environment: ["LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.UTF-8"]) == .japanese)
        #expect(Language(environment: ["LANG": "ja_JP.UTF-8", "LC_MESSAGES": "C"]) == .english)
        #expect(Language(environment: ["LC_ALL": "", "LANG": "C"]) == .english)
        #expect(Language(environment: ["LANG": "C", "RENKEI_LANG": "ja"]) == .japanese)
        #expect(Language(environment: ["LC_ALL": "ja_JP.UTF-8", "RENKEI_LANG": "en"]) == .english)
        #expect(Language(environment: ["LANG": "C", "RENKEI_LANG": "klingon"]) == .english)
    }
}
