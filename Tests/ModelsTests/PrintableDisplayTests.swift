import Models
import Testing

/// Text others wrote reaches a terminal without the control characters that would drive it.
@Suite struct PrintableDisplayTests {
    @Test func controlCharactersAndOverridesAreShownNotSent() {
        #expect(Printable.display("普通の文\n二行目\tタブ") == "普通の文\n二行目\tタブ", "ordinary text is unchanged")
        #expect(
            Printable.display("\u{1B}[2J\u{1B}]0;pwned\u{07}") == "\\u{1b}[2J\\u{1b}]0;pwned\\u{7}",
            "escape sequences are shown")
        #expect(Printable.display("上書き\r偽") == "上書き\\u{d}偽", "a carriage return cannot overwrite a line")
        #expect(Printable.display("\u{9B}31m") == "\\u{9b}31m", "nor a C1 control")
        #expect(Printable.display("abc\u{202E}fed") == "abc\\u{202e}fed", "nor a direction override")
    }
}
