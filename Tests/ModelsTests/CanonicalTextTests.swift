import Models
import Testing

@Suite struct CanonicalTextTests {
    @Test func idsInNFCAreTakenAndTheirTwinsAreNot() {
        // What Japanese ids are written in: decided from the scalars alone.
        for text in ["osaka-dx-2025/271004/A01", "デジタル調査/271004/C04", "ガバナンス・ＤＸ調査（令和７年度）", "ｶﾞﾊﾞﾅﾝｽ", "value"] {
            #expect(CanonicalText.isNFC(text), "\(text)")
        }
        // Other scripts: compared with their NFC form.
        for text in ["café", "Ångström", "한국", "Ω"] { #expect(CanonicalText.isNFC(text), "\(text)") }
        // Twins that Swift's == takes for the id above: a separate sound mark, the Kelvin sign,
        // a decomposed accent, the Ångström sign, conjoining jamo.
        // Combining marks out of their canonical order (the ideographic tone marks too).
        for text in [
            "テ\u{3099}ジタル調査", "dx-\u{212A}2025", "cafe\u{301}", "\u{212B}ngstrom", "\u{1100}\u{1161}",
            "あ\u{302B}\u{302A}", "a\u{301}\u{316}",
        ] {
            #expect(!CanonicalText.isNFC(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
