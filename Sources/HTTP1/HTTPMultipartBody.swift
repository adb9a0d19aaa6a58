/// The parts of a `multipart/form-data` body (RFC 7578), as a browser sends a form with a file:
/// each part has a `Content-Disposition: form-data; name="…"` (and `filename="…"` for a file)
/// and its bytes. Only what forms send is read: no nested multipart, no encodings but binary.
public struct HTTPMultipartBody: Sendable {
    /// One part.
    public struct Part: Sendable {
        public let name: String
        /// The file's name as the browser gives it (its last path component), or nil for a field.
        public let filename: String?
        public let contentType: String?
        public let body: [UInt8]

        /// The body as text (fields), nil when not UTF-8.
        public var text: String? { String(validating: body, as: UTF8.self) }
    }

    public let parts: [Part]

    /// Why a body is not multipart/form-data.
    public enum Failure: Error, Equatable {
        case noBoundary
        case malformed
        case tooManyParts
    }

    /// At most this many parts are read.
    public static let maxParts = 64
    /// A part's header block is at most this long (bytes).
    static let maxHeaderBytes = 8 * 1024

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` value, or nil.
    public static func boundary(ofContentType value: String?) -> String? {
        guard let value, value.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var boundary = String(pair[1])
            if boundary.hasPrefix("\""), boundary.hasSuffix("\""), boundary.count >= 2 {
                boundary = String(boundary.dropFirst().dropLast())
            }
            // RFC 2046 5.1.1: 1 to 70 characters.
            guard (1...70).contains(boundary.utf8.count) else { return nil }
            return boundary
        }
        return nil
    }

    /// Reads `body` sent with the given `Content-Type`.
    public init(_ body: [UInt8], contentType: String?) throws(Failure) {
        guard let boundary = Self.boundary(ofContentType: contentType) else { throw .noBoundary }
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [Part] = []
        guard var position = Self.find(delimiter, in: body, from: 0) else { throw .malformed }
        position += delimiter.count
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if body.count >= position + 2, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-")
            {
                break
            }
            guard body.count >= position + 2, body[position] == 13, body[position + 1] == 10 else { throw .malformed }
            position += 2
            guard parts.count < Self.maxParts else { throw .tooManyParts }
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: position),
                headerEnd - position <= Self.maxHeaderBytes
            else { throw .malformed }
            let headers = try Self.headers(body[position..<headerEnd])
            let start = headerEnd + 4
            guard let next = Self.find([13, 10] + delimiter, in: body, from: start) else { throw .malformed }
            guard let disposition = headers["content-disposition"],
                let name = Self.parameter("name", in: disposition)
            else { throw .malformed }
            let filename = Self.parameter("filename", in: disposition).map(Self.lastComponent)
            parts.append(
                Part(
                    name: name, filename: filename, contentType: headers["content-type"],
                    body: Array(body[start..<next])))
            position = next + 2 + delimiter.count
        }
        self.parts = parts
    }

    /// The first part called `name`.
    public subscript(name: String) -> Part? { parts.first { $0.name == name } }

    private static func headers(_ bytes: ArraySlice<UInt8>) throws(Failure) -> [String: String] {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .malformed }
        var headers: [String: String] = [:]
        for line in text.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed }
            headers[line[..<colon].lowercased()] = String(line[line.index(after: colon)...].trimmingSpaces)
        }
        return headers
    }

    /// A `name="value"` (or unquoted) parameter of a Content-Disposition value. Parameters are
    /// split at `;` outside quotes only (a file may be called `報告;2025.xlsx`); inside quotes a
    /// backslash escapes the next character; browsers send `"` inside values as `%22`.
    static func parameter(_ wanted: String, in value: String) -> String? {
        for parameter in parameters(of: value).dropFirst() {
            guard let equals = parameter.firstIndex(of: "=") else { continue }
            let name = parameter[..<equals].trimmingSpaces.lowercased()
            guard name == wanted else { continue }
            var text = String(parameter[parameter.index(after: equals)...].trimmingSpaces)
            if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
                var unquoted = ""
                var escaped = false
                for character in text.dropFirst().dropLast() {
                    if !escaped, character == "\\" {
                        escaped = true
                        continue
                    }
                    unquoted.append(character)
                    escaped = false
                }
                text = unquoted
            }
            return text.replacingOccurrences(of: "%22", with: "\"")
        }
        return nil
    }

    /// The `;`-separated pieces of a header value, quotes respected.
    static func parameters(of value: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = value.startIndex
        var quoted = false
        var escaped = false
        var index = value.startIndex
        while index < value.endIndex {
            let character = value[index]
            if escaped {
                escaped = false
            } else if quoted, character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";", !quoted {
                pieces.append(value[start..<index])
                start = value.index(after: index)
            }
            index = value.index(after: index)
        }
        pieces.append(value[start...])
        return pieces
    }

    /// The last component of a path a browser may send (`C:\Users\…\a.xlsx` from old browsers).
    static func lastComponent(_ name: String) -> String {
        String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
