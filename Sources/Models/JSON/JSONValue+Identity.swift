extension JSONValue {
    /// Whether both values serialise to the same bytes.
    ///
    /// `==` follows Swift's `String` equality, which treats canonically equivalent text as equal
    /// ("é" precomposed equals "e" + U+0301) and `Double` equality (0.0 equals -0.0); neither says
    /// that two values are the same bytes on the wire, and convergence is byte-for-byte.
    public func isIdentical(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.string(let a), .string(let b)):
            return a.utf8.elementsEqual(b.utf8)
        case (.double(let a), .double(let b)):
            return a.bitPattern == b.bitPattern
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isIdentical(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            let byBytes = { (lhs: String, rhs: String) in lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }
            let keysA = a.keys.sorted(by: byBytes)
            let keysB = b.keys.sorted(by: byBytes)
            return zip(keysA, keysB).allSatisfy { keyA, keyB in
                keyA.utf8.elementsEqual(keyB.utf8) && a[keyA]!.isIdentical(to: b[keyB]!)
            }
        default:
            return self == other
        }
    }
}

extension Version {
    /// Whether both versions serialise to the same bytes (see `JSONValue.isIdentical(to:)`).
    public func isIdentical(to other: Version) -> Bool {
        vector == other.vector && author == other.author && at == other.at
            && user.utf8.elementsEqual(other.user.utf8) && value.isIdentical(to: other.value)
    }
}
