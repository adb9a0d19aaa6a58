/// Bounds on what `WorkbookReader.read` will uncompress and keep, so a hostile or broken file
/// costs bounded memory and time. Every limit is checked before or while the work is done, never
/// after: an entry stops inflating as soon as it passes its declared size.
public struct WorkbookLimits: Sendable {
    /// The largest uncompressed size of one ZIP entry, in bytes (default 32 MiB).
    public var maxEntryBytes: Int
    /// The largest uncompressed size of all the parts read together, in bytes (default 64 MiB).
    public var maxTotalBytes: Int
    /// The most entries the ZIP's central directory may list (default 10,000).
    public var maxEntries: Int
    /// The most non-empty cells in all sheets together (default 1,000,000).
    public var maxCells: Int
    /// The largest ratio of an entry's uncompressed size to its compressed size (default 1000);
    /// DEFLATE itself stops near 1032, so only a zip bomb's runs of one byte come close.
    public var maxCompressionRatio: Int

    /// Limits in bytes, entries, cells and a ratio; each should be positive.
    public init(
        maxEntryBytes: Int = 32 << 20, maxTotalBytes: Int = 64 << 20, maxEntries: Int = 10_000,
        maxCells: Int = 1_000_000, maxCompressionRatio: Int = 1000
    ) {
        self.maxEntryBytes = maxEntryBytes
        self.maxTotalBytes = maxTotalBytes
        self.maxEntries = maxEntries
        self.maxCells = maxCells
        self.maxCompressionRatio = maxCompressionRatio
    }

    /// The defaults: 32 MiB per entry, 64 MiB in total, 10,000 entries, 1,000,000 cells, ratio
    /// 1000. An answer form is a few hundred KiB.
    public static let standard = WorkbookLimits()
}
