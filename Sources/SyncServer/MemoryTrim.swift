import Glibc

/// glibc's `malloc_trim`: returns freed heap memory to the system. Declared in <malloc.h>, which
/// the Glibc module does not import, so it is looked up once at run time.
enum MemoryTrim {
    private typealias Function = @convention(c) (Int) -> Int32

    private static let function: Function? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
    }()

    /// Trims the heap; does nothing where `malloc_trim` does not exist.
    static func trim() {
        _ = function?(0)
    }
}
