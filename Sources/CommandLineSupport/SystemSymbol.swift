import Glibc

/// C functions of the system's libraries that the Glibc module does not import
/// (`copy_file_range`, `renameat2`, `malloc_trim`…), looked up by name at run time.
public enum SystemSymbol {
    /// The function `name` as a C function pointer of type `T`, or nil where this system's
    /// libraries lack it. `T` must be the function's true `@convention(c)` type.
    public static func function<T>(_ name: String, as type: T.Type = T.self) -> T? {
        guard let pointer = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(pointer, to: T.self)
    }
}
