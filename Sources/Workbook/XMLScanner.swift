/// A pull scanner for the XML of SpreadsheetML parts: UTF-8 only, elements, attributes in
/// single or double quotes, character data, CDATA, comments and processing instructions
/// (skipped), the five predefined entities and character references. A document type
/// declaration is refused outright, so no entity can expand (billion laughs) and nothing
/// external is fetched. Tags must nest and close, at most `maxDepth` deep, under one root.
/// Every loop moves forward through the bytes, so any input ends in an event or an error.
struct XMLScanner {
    /// The deepest element nesting accepted; SpreadsheetML needs fewer than ten.
    static let maxDepth = 256

    private let bytes: [UInt8]
    /// The part's name inside the ZIP, for errors.
    private let part: String
    /// The next byte to read.
    private var position = 0
    /// Qualified names of the elements open around `position`.
    private var open: [String] = []
    /// The end event still owed for an empty-element tag `<a/>`.
    private var pendingEnd: String? = nil
    private var sawRoot = false

    /// A scanner over one part; a UTF-8 byte order mark is skipped.
    init(_ bytes: [UInt8], part: String) {
        self.bytes = bytes
        self.part = part
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next event, or nil after the root element has closed and only comments, processing
    /// instructions and white space followed. Throws `malformedXML` with the byte offset.
    mutating func next() throws(WorkbookError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            open.removeLast()
            return .end(String(XMLElement.localPart(of: name)))
        }
        while position < bytes.count {
            guard bytes[position] == UInt8(ascii: "<") else {
                let start = position
                while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
                if open.isEmpty {
                    guard bytes[start..<position].allSatisfy(Self.isSpace) else {
                        throw failure(at: start, "text outside the root element")
                    }
                    continue
                }
                return .text(try decode(start..<position, inAttribute: false))
            }
            switch byte(at: position + 1) {
            case UInt8(ascii: "/"):
                return try endTag()
            case UInt8(ascii: "?"):
                try skip(opener: 2, past: Array("?>".utf8), what: "a processing instruction")
            case UInt8(ascii: "!"):
                if matches("<!--") {
                    try skip(opener: 4, past: Array("-->".utf8), what: "a comment")
                } else if matches("<![CDATA[") {
                    guard !open.isEmpty else { throw failure(at: position, "CDATA outside the root element") }
                    let start = position + 9
                    try skip(opener: 9, past: Array("]]>".utf8), what: "a CDATA section")
                    guard let text = Self.utf8String(bytes[start..<position - 3]) else {
                        throw failure(at: start, "text that is not UTF-8")
                    }
                    return .text(text)
                } else if matches("<!DOCTYPE") {
                    throw failure(at: position, "a DOCTYPE declaration (refused: entities could expand)")
                } else {
                    throw failure(at: position, "an unknown <! declaration")
                }
            default:
                return .start(try startTag())
            }
        }
        if let innermost = open.last { throw failure(at: position, "the element \(innermost) is not closed") }
        if !sawRoot { throw failure(at: position, "no root element") }
        return nil
    }

    // MARK: Tags

    /// Reads `<name attribute="value" …>` or `<name …/>` at `position`.
    private mutating func startTag() throws(WorkbookError) -> XMLElement {
        let tagStart = position
        if open.isEmpty && sawRoot { throw failure(at: tagStart, "a second root element") }
        position += 1
        let name = try readName()
        var attributes: [XMLAttribute] = []
        var selfClosing = false
        while true {
            let spaced = skipSpace()
            guard let current = byte(at: position) else {
                throw failure(at: position, "the document ends inside a tag")
            }
            if current == UInt8(ascii: ">") {
                position += 1
                break
            }
            if current == UInt8(ascii: "/") {
                guard byte(at: position + 1) == UInt8(ascii: ">") else { throw failure(at: position, "a stray /") }
                position += 2
                selfClosing = true
                break
            }
            guard spaced else { throw failure(at: position, "attributes must be separated by white space") }
            let attributeName = try readName()
            skipSpace()
            guard byte(at: position) == UInt8(ascii: "=") else {
                throw failure(at: position, "the attribute \(attributeName) has no =")
            }
            position += 1
            skipSpace()
            guard let quote = byte(at: position), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                throw failure(at: position, "an attribute value must be quoted")
            }
            let valueStart = position + 1
            position = valueStart
            while position < bytes.count && bytes[position] != quote {
                guard bytes[position] != UInt8(ascii: "<") else {
                    throw failure(at: position, "< in an attribute value")
                }
                position += 1
            }
            guard position < bytes.count else { throw failure(at: valueStart, "an attribute value is not closed") }
            let value = try decode(valueStart..<position, inAttribute: true)
            position += 1
            guard !attributes.contains(where: { $0.name == attributeName }) else {
                throw failure(at: valueStart, "the attribute \(attributeName) appears twice")
            }
            attributes.append(XMLAttribute(name: attributeName, value: value))
        }
        guard open.count < Self.maxDepth else {
            throw failure(at: tagStart, "elements nested more than \(Self.maxDepth) deep")
        }
        open.append(name)
        sawRoot = true
        if selfClosing { pendingEnd = name }
        return XMLElement(name: name, localName: String(XMLElement.localPart(of: name)), attributes: attributes)
    }

    /// Reads `</name>` at `position`, which must close the innermost open element.
    private mutating func endTag() throws(WorkbookError) -> XMLEvent {
        let tagStart = position
        position += 2
        let name = try readName()
        skipSpace()
        guard byte(at: position) == UInt8(ascii: ">") else { throw failure(at: position, "an end tag is not closed") }
        position += 1
        guard let innermost = open.last, innermost == name else {
            throw failure(at: tagStart, "</\(name)> does not close \(open.last.map { "<\($0)>" } ?? "any element")")
        }
        open.removeLast()
        return .end(String(XMLElement.localPart(of: name)))
    }

    /// Reads a name (an element's or an attribute's) up to white space or a delimiter.
    private mutating func readName() throws(WorkbookError) -> String {
        let start = position
        while let current = byte(at: position), !Self.endsName(current) { position += 1 }
        guard position > start else { throw failure(at: start, "a name is missing") }
        guard let name = Self.utf8String(bytes[start..<position]) else {
            throw failure(at: start, "a name that is not UTF-8")
        }
        return name
    }

    // MARK: Text

    /// The text of `range` with references replaced; in attribute values literal tabs and line
    /// breaks become spaces (a CR LF pair one space). Refuses bytes that are not UTF-8.
    private func decode(_ range: Range<Int>, inAttribute: Bool) throws(WorkbookError) -> String {
        let slice = bytes[range]
        let needsWork = slice.contains { $0 == UInt8(ascii: "&") || (inAttribute && $0 < 0x20) }
        var decoded: [UInt8] = []
        if needsWork {
            decoded.reserveCapacity(slice.count)
            var index = range.lowerBound
            while index < range.upperBound {
                let current = bytes[index]
                if current == UInt8(ascii: "&") {
                    index = try reference(at: index, before: range.upperBound, into: &decoded)
                    continue
                }
                if inAttribute && (current == 0x09 || current == 0x0A || current == 0x0D) {
                    decoded.append(UInt8(ascii: " "))
                    if current == 0x0D && index + 1 < range.upperBound && bytes[index + 1] == 0x0A { index += 1 }
                } else {
                    decoded.append(current)
                }
                index += 1
            }
        }
        guard
            let text = Self.utf8String(needsWork ? decoded[...] : slice)
        else { throw failure(at: range.lowerBound, "text that is not UTF-8") }
        return text
    }

    /// Appends the character of the reference `&…;` starting at `start` to `output` and returns
    /// the index after its semicolon.
    private func reference(at start: Int, before end: Int, into output: inout [UInt8]) throws(WorkbookError) -> Int {
        var semicolon = start + 1
        while semicolon < end && semicolon - start <= 12 && bytes[semicolon] != UInt8(ascii: ";") { semicolon += 1 }
        guard semicolon < end, bytes[semicolon] == UInt8(ascii: ";") else {
            throw failure(at: start, "an & that starts no reference (write &amp;)")
        }
        let name = Array(bytes[start + 1..<semicolon])
        let scalar: Unicode.Scalar?
        switch name {
        case Array("lt".utf8): scalar = "<"
        case Array("gt".utf8): scalar = ">"
        case Array("amp".utf8): scalar = "&"
        case Array("quot".utf8): scalar = "\""
        case Array("apos".utf8): scalar = "'"
        default:
            guard name.first == UInt8(ascii: "#") else {
                throw failure(at: start, "an undefined entity &\(String(decoding: name, as: UTF8.self));")
            }
            scalar = Self.characterReference(name.dropFirst())
        }
        guard let scalar else { throw failure(at: start, "a character reference to no XML character") }
        output.append(contentsOf: Array(String(scalar).utf8))
        return semicolon + 1
    }

    /// The character of a reference's digits (`65` or `x41`), when it is one XML 1.0 allows:
    /// tab, line feed, carriage return, U+0020-U+D7FF, U+E000-U+FFFD, U+10000-U+10FFFF.
    private static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        let hexadecimal = digits.first == UInt8(ascii: "x")
        let body = hexadecimal ? digits.dropFirst() : digits
        guard !body.isEmpty, body.count <= 8 else { return nil }
        var value: UInt32 = 0
        for digit in body {
            guard let number = hexDigitValue(digit), hexadecimal || number < 10 else { return nil }
            value = value * (hexadecimal ? 16 : 10) + number
        }
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return Unicode.Scalar(value)
        default: return nil
        }
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    // MARK: Bytes

    private func byte(at index: Int) -> UInt8? { index >= 0 && index < bytes.count ? bytes[index] : nil }

    /// Whether the bytes at `position` spell `text`.
    private func matches(_ text: String) -> Bool {
        let expected = Array(text.utf8)
        return position <= bytes.count - expected.count
            && bytes[position..<position + expected.count].elementsEqual(expected)
    }

    /// Moves `position` past the first `terminator` after the `opener` bytes at `position`;
    /// `what` is being skipped, for the error.
    private mutating func skip(opener: Int, past terminator: [UInt8], what: String) throws(WorkbookError) {
        let start = position
        var index = position + opener
        while index <= bytes.count - terminator.count {
            if bytes[index] == terminator[0] && bytes[index..<index + terminator.count].elementsEqual(terminator) {
                position = index + terminator.count
                return
            }
            index += 1
        }
        throw failure(at: start, "\(what) is not closed")
    }

    /// Skips white space; true when there was some.
    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = position
        while let current = byte(at: position), Self.isSpace(current) { position += 1 }
        return position > start
    }

    /// The text of `slice` when it is valid UTF-8 (through a buffer pointer: the generic
    /// sequence path is several times slower).
    private static func utf8String(_ slice: ArraySlice<UInt8>) -> String? {
        slice.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func endsName(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "="),
            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "&"):
            return true
        default:
            return false
        }
    }

    private func failure(at offset: Int, _ reason: String) -> WorkbookError {
        .malformedXML(part: part, offset: offset, reason: reason)
    }
}
