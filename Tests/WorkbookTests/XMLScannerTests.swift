import TestSupport
import Testing

@testable import Workbook

/// The XML scanner on its own: what it reads, what it refuses (with the byte offset), and that
/// no input traps or hangs it.
@Suite struct XMLScannerTests {
    private func events(_ text: String) throws(WorkbookError) -> [XMLEvent] {
        var scanner = XMLScanner(Array(text.utf8), part: "p.xml")
        var events: [XMLEvent] = []
        while let event = try scanner.next() { events.append(event) }
        return events
    }

    private func refusal(_ text: String) -> (offset: Int, reason: String)? {
        do {
            _ = try events(text)
            return nil
        } catch {
            guard case .malformedXML(let part, let offset, let reason) = error, part == "p.xml" else { return nil }
            return (offset, reason)
        }
    }

    @Test func readsElementsAttributesTextAndReferences() throws {
        let read = try events(
            """
            \u{FEFF}<?xml version="1.0" encoding="UTF-8"?><!-- c --><x:a xmlns:x="u" x:b='1 &amp; 2' c = "&#x41;&#66;\t">\
            t&lt;&gt;&quot;&apos;<![CDATA[<raw>&amp;]]><e/><?pi x?></x:a>
            """)
        #expect(
            read == [
                .start(
                    XMLElement(
                        name: "x:a", localName: "a",
                        attributes: [
                            XMLAttribute(name: "xmlns:x", value: "u"), XMLAttribute(name: "x:b", value: "1 & 2"),
                            XMLAttribute(name: "c", value: "AB "),
                        ])),
                .text("t<>\"'"), .text("<raw>&amp;"), .start(XMLElement(name: "e", localName: "e", attributes: [])),
                .end("e"), .end("a"),
            ])
        if case .start(let element)? = read.first {
            #expect(element.attribute("b") == "1 & 2" && element.attribute("d") == nil)
        }
    }

    @Test func refusesWhatIsNotWellFormed() {
        #expect(refusal("<!DOCTYPE a><a/>")?.offset == 0)
        #expect(refusal(#"<a><!DOCTYPE a SYSTEM "file:///etc/passwd"></a>"#)?.offset == 3)
        #expect(refusal("<a>&#0;</a>")?.offset == 3)
        #expect(refusal("<a>&#xD800;</a>") != nil)
        #expect(refusal("<a>&#x110000;</a>") != nil)
        #expect(refusal("<a>&#xFFFE;</a>") != nil)
        #expect(refusal("<a>&#99999999999;</a>") != nil)
        #expect(refusal("<a>&#x;</a>") != nil)
        #expect(refusal("<a>&nbsp;</a>")?.reason == "an undefined entity &nbsp;")
        #expect(refusal("<a>AT&T</a>")?.offset == 5)
        #expect(refusal("<a></b>")?.reason == "</b> does not close <a>")
        #expect(refusal("<a><b></a>") != nil)
        #expect(refusal("<a>")?.reason == "the element a is not closed")
        #expect(refusal("</a>") != nil)
        #expect(refusal("")?.reason == "no root element")
        #expect(refusal("<a/><b/>")?.reason == "a second root element")
        #expect(refusal("x<a/>")?.reason == "text outside the root element")
        #expect(refusal(#"<a b="1" b="2"/>"#)?.reason == "the attribute b appears twice")
        #expect(refusal("<a b=1/>") != nil)
        #expect(refusal(#"<a b="1"c="2"/>"#) != nil)
        #expect(refusal(#"<a b="<"/>"#) != nil)
        #expect(refusal("<a><!-- open</a>") != nil)
        #expect(refusal("<a><![CDATA[open</a>") != nil)
        #expect(refusal("<a><?pi</a>") != nil)
        #expect(refusal("<a><!ELEMENT a ANY></a>") != nil)
        #expect(refusal("<!--->") != nil)
        var invalid = XMLScanner([0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E], part: "p.xml")
        #expect(throws: WorkbookError.malformedXML(part: "p.xml", offset: 3, reason: "text that is not UTF-8")) {
            while try invalid.next() != nil {}
        }
    }

    @Test func nestingStopsAtItsLimit() throws {
        let deepest =
            String(repeating: "<a>", count: XMLScanner.maxDepth) + String(repeating: "</a>", count: XMLScanner.maxDepth)
        #expect(try events(deepest).count == 2 * XMLScanner.maxDepth)
        let tooDeep = String(repeating: "<a>", count: XMLScanner.maxDepth + 1)
        #expect(refusal(tooDeep)?.offset == 3 * XMLScanner.maxDepth)
    }

    /// Cut and damaged documents end in events or an error; the loop bound catches a hang.
    @Test func noInputTrapsOrHangs() {
        let document = Array(
            """
            <?xml version="1.0"?><sst xmlns="u" count="2"><si><t xml:space="preserve"> a&amp;b </t></si>\
            <si><r><t>&#x41;</t></r><rPh sb="0"><t>ア</t></rPh></si><!-- x --><![CDATA[y]]></sst>
            """.utf8)
        var generator = SeededGenerator(seed: 0x0C0F_FEE5)
        var cases: [[UInt8]] = (0...document.count).map { Array(document[..<$0]) }
        let alphabet = Array("<>/!?-[]&#;=\"' ax:".utf8) + [0x00, 0xC3, 0xFF]
        for _ in 0..<3000 {
            var bytes = document
            for _ in 0..<Int.random(in: 1...5, using: &generator) {
                let index = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[index] = alphabet.randomElement(using: &generator) ?? 0
            }
            cases.append(bytes)
        }
        for bytes in cases {
            var scanner = XMLScanner(bytes, part: "p.xml")
            var steps = 0
            while steps <= bytes.count + 1, (try? scanner.next()) != nil { steps += 1 }
            #expect(steps <= bytes.count + 1, "\(bytes)")
        }
    }
}
