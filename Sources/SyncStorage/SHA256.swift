import CCrypto

/// SHA-256 through libcrypto (about 1.7 GB/s here against ~265 MB/s for pure Swift: see
/// `renkei-bench hash`), so hashing a document never holds up writing it to disk.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(chunk)            // as many times as needed
/// let digest = hasher.finalize()  // 32 bytes; `SHA256.hex(digest)` for the 64-digit form
/// ```
public struct SHA256: ~Copyable {
    private let context: OpaquePointer

    public init() {
        guard let context = renkei_sha256_new() else { fatalError("libcrypto cannot make a SHA-256 context") }
        self.context = context
    }

    deinit {
        renkei_sha256_free(context)
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        _ = renkei_sha256_update(context, base, bytes.count)
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest. The hasher is used up.
    public consuming func finalize() -> [UInt8] {
        finalizeCopy()
    }

    /// The digest; for a hasher held in a class property, which cannot be consumed. The context
    /// must not be updated afterwards.
    public mutating func finalizeCopy() -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBufferPointer { _ = renkei_sha256_final(context, $0.baseAddress) }
        return digest
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// 64 lowercase hexadecimal digits.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }, as: UTF8.self)
    }
}
