/// Finds where a JSON array can be cut in two without parsing its elements: a byte scan that
/// knows only strings (and their escapes) and nesting.
enum ElementBoundary {
    /// The offset of the first comma between two elements of the array whose first element
    /// starts at `start` (just after its `[`), at or after the middle of what follows `start`;
    /// nil when the array ends (or the bytes stop) before such a comma.
    ///
    /// Malformed JSON may give any offset or nil: the caller parses both sides for real.
    static func separator(in bytes: [UInt8], from start: Int) -> Int? {
        let middle = start + (bytes.count - start) / 2
        var depth = 0
        var inString = false
        var escaped = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if depth == 0 { return nil }
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == 0 && index >= middle { return index }
                default: break
                }
            }
            index += 1
        }
        return nil
    }
}
