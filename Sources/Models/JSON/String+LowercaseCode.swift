extension String {
    /// Whether this is a code of lowercase ASCII letters, digits and `_`, with `length` bytes
    /// (hearing category codes, national survey topics).
    func isLowercaseCode(length: ClosedRange<Int>) -> Bool {
        length.contains(utf8.count)
            && utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
}
