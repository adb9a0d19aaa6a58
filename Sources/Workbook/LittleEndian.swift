/// Bounds-checked little-endian reads from untrusted bytes: nil instead of a trap when the
/// field does not fit.
extension [UInt8] {
    /// The 16-bit value at byte `offset`, or nil when the two bytes are not all inside.
    func uint16(at offset: Int) -> UInt16? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    /// The 32-bit value at byte `offset`, or nil when the four bytes are not all inside.
    func uint32(at offset: Int) -> UInt32? {
        guard offset >= 0, offset <= count - 4 else { return nil }
        return UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16
            | UInt32(self[offset + 3]) << 24
    }
}
