import Glibc

/// glibc allocator controls from <malloc.h>, which the Glibc module does not import: looked up
/// once at run time, and doing nothing where they do not exist.
public enum Malloc {
    private typealias Trim = @convention(c) (Int) -> Int32
    private typealias Option = @convention(c) (Int32, Int32) -> Int32

    private static let trimFunction = SystemSymbol.function("malloc_trim", as: Trim.self)
    private static let optionFunction = SystemSymbol.function("mallopt", as: Option.self)

    /// `M_MMAP_THRESHOLD` in <malloc.h>.
    private static let mmapThreshold: Int32 = -3
    /// `M_ARENA_MAX` in <malloc.h>.
    private static let arenaMax: Int32 = -8

    /// Returns freed heap memory to the system (`malloc_trim(0)`).
    public static func trim() {
        _ = trimFunction?(0)
    }

    /// Serves allocations of at least `bytes` with their own mappings, returned to the system
    /// when freed (and stops glibc from raising that threshold after large frees).
    public static func mapAllocations(atLeast bytes: Int32) {
        _ = optionFunction?(mmapThreshold, bytes)
    }

    /// Lets at most `count` heaps (arenas) serve this process's threads: fewer heaps hold fewer
    /// freed buffers, at the price of some lock contention between threads.
    public static func limitArenas(to count: Int32) {
        _ = optionFunction?(arenaMax, count)
    }
}
