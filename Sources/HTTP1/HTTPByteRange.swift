/// A `Range: bytes=…` request field read against a representation of known size (RFC 9110
/// 14.1-14.2). One range is served; several ranges, other units or bad syntax mean the field is
/// ignored (the whole representation is sent), as RFC 9110 allows.
public enum HTTPByteRange: Equatable, Sendable {
    /// Send everything with 200.
    case whole
    /// Send `first...last` (byte offsets, inclusive) with 206 and `Content-Range`.
    case part(first: Int64, last: Int64)
    /// The range starts past the end: 416 with `Content-Range: bytes */size`.
    case unsatisfiable

    /// Reads `field` (nil when the request has none) for a representation of `size` bytes.
    public init(field: String?, size: Int64) {
        guard let field else {
            self = .whole
            return
        }
        let text = field[...].trimmingSpaces
        guard text.hasPrefix("bytes="), !text.contains(",") else {
            self = .whole
            return
        }
        let spec = text.dropFirst("bytes=".count)
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            self = .whole
            return
        }
        // Positions are digits only; one too large for `Int64` lies past any end (`Int64.max`),
        // so a first position that large is unsatisfiable, as RFC 9110 says of any past the end.
        let start = HTTPDigits.value(parts[0])
        let end = HTTPDigits.value(parts[1])
        switch (parts[0].isEmpty, parts[1].isEmpty) {
        case (true, false):
            // The last N bytes.
            guard let suffix = end else {
                self = .whole
                return
            }
            guard suffix > 0, size > 0 else {
                self = .unsatisfiable
                return
            }
            self = .part(first: max(0, size - suffix), last: size - 1)
        case (false, _):
            guard let first = start, parts[1].isEmpty || end != nil else {
                self = .whole
                return
            }
            if let end, end < first {
                self = .whole
                return
            }
            guard first < size else {
                self = .unsatisfiable
                return
            }
            self = .part(first: first, last: min(end ?? size - 1, size - 1))
        case (true, true):
            self = .whole
        }
    }
}
