import CommandLineSupport
import Glibc

/// A file opened through the operating system (POSIX descriptors here), for the client's own
/// copies that `FileManager` cannot make safely: a file created new and never through a link,
/// a device written into, a copy streamed and hashed piece by piece. Closed when released.
final class LocalFile {
    /// Why an operation failed: the system's error number and its text.
    struct Failure: Error, CustomStringConvertible {
        let code: Int32
        var description: String { String(cString: strerror(code)) }
        /// The path was a symbolic link, or a file appeared there meanwhile (`createNew`).
        var isLinkOrTaken: Bool { code == ELOOP || code == EEXIST }
    }

    /// What is at a path.
    enum Kind {
        case regular, directory, other
    }

    /// Which file it is: device and inode numbers, what sort of file, and its owner.
    struct Identity: Equatable {
        /// The sorts of file `docs get` tells apart.
        enum FileType: Equatable {
            case regular, directory, symbolicLink, fifo, characterDevice, other
        }

        let device: UInt64
        let inode: UInt64
        let type: FileType
        /// The owner's user id.
        let owner: UInt32

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            owner = UInt32(info.st_uid)
            switch info.st_mode & S_IFMT {
            case S_IFREG: type = .regular
            case S_IFDIR: type = .directory
            case S_IFLNK: type = .symbolicLink
            case S_IFIFO: type = .fifo
            case S_IFCHR: type = .characterDevice
            default: type = .other
            }
        }

        /// Whether this process's effective user owns it.
        var isOwnedByMe: Bool { owner == UInt32(geteuid()) }

        /// Its sort as `kind(atPath:)` tells it.
        var kind: Kind {
            switch type {
            case .regular: .regular
            case .directory: .directory
            case .symbolicLink, .fifo, .characterDevice, .other: .other
            }
        }
    }

    private(set) var descriptor: Int32
    /// Whether closing is this object's (not for standard output).
    private let owned: Bool

    private init(_ descriptor: Int32, owned: Bool = true) {
        self.descriptor = descriptor
        self.owned = owned
    }

    deinit {
        if owned, descriptor >= 0 { Glibc.close(descriptor) }
    }

    /// The program's standard output (never closed by this object).
    static func standardOutput() -> LocalFile { LocalFile(STDOUT_FILENO, owned: false) }

    /// Opens an existing file for reading.
    static func openForReading(_ path: String) throws(Failure) -> LocalFile {
        try opened(Glibc.open(path, O_RDONLY | O_CLOEXEC))
    }

    /// Opens an existing file (or device) for writing, never through a symbolic link at its
    /// last component (`ELOOP` then).
    static func openForWritingNoFollow(_ path: String) throws(Failure) -> LocalFile {
        try opened(Glibc.open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC))
    }

    /// Creates a new regular file: never through a symbolic link, never one that exists
    /// (`O_EXCL | O_NOFOLLOW`). `permissions` as in `chmod` (0o644).
    static func createNew(_ path: String, permissions: mode_t) throws(Failure) -> LocalFile {
        try opened(Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions))
    }

    private static func opened(_ descriptor: Int32) throws(Failure) -> LocalFile {
        guard descriptor >= 0 else { throw Failure(code: errno) }
        return LocalFile(descriptor)
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(Failure) -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno != EINTR { throw Failure(code: errno) }
        }
    }

    /// Writes all of `bytes`.
    func writeAll(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        var done = 0
        while done < bytes.count {
            let wrote = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { throw Failure(code: wrote < 0 ? errno : EIO) }
            done += wrote
        }
    }

    /// Copies the rest of this file into `output` inside the kernel (`KernelCopy`); false when
    /// it cannot for these files (nothing copied: the caller copies itself).
    func copyAll(to output: LocalFile) throws -> Bool {
        try KernelCopy.copyAll(from: descriptor, to: output.descriptor)
    }

    /// Hands the descriptor over (to a response body that closes it); this file no longer owns it.
    func detach() -> Int32 {
        defer { descriptor = -1 }
        return descriptor
    }

    /// Closes now (instead of when released).
    func close() {
        if owned, descriptor >= 0 { Glibc.close(descriptor) }
        descriptor = -1
    }

    /// What is at `path`, following a final link unless `followingLinks` is false (nil: nothing).
    static func kind(atPath path: String, followingLinks: Bool = true) -> Kind? {
        identity(atPath: path, followingLinks: followingLinks)?.kind
    }

    /// Renames `from` to `to` (replacing it), atomically on one file system.
    static func rename(_ from: String, to: String) throws(Failure) {
        guard Glibc.rename(from, to) == 0 else { throw Failure(code: errno) }
    }

    private typealias Renameat2 =
        @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    /// `renameat2(2)` (glibc 2.28 and later), looked up at run time: the Glibc module does not import it.
    private static let renameat2 = SystemSymbol.function("renameat2", as: Renameat2.self)

    /// Renames `from` to `to` only while nothing is at `to`, not even a dangling link: fails
    /// with `EEXIST` (`isLinkOrTaken`) instead of replacing what someone put there meanwhile.
    /// `renameat2` with `RENAME_NOREPLACE`; where the file system lacks it, a hard link (which
    /// never replaces either) and the removal of `from`; where it has neither (some network and
    /// FUSE file systems), a new empty file made at `to` with `O_EXCL`, which the rename then
    /// replaces.
    static func renameWithoutReplacing(_ from: String, to: String) throws(Failure) {
        let noReplace: UInt32 = 1  // RENAME_NOREPLACE in <linux/fs.h>
        if let renameat2 {
            if renameat2(AT_FDCWD, from, AT_FDCWD, to, noReplace) == 0 { return }
            let code = errno
            guard code == EINVAL || code == ENOSYS else { throw Failure(code: code) }
        }
        if link(from, to) == 0 {
            unlink(from)
            return
        }
        let code = errno
        guard [EPERM, ENOSYS, EOPNOTSUPP, EXDEV, EMLINK].contains(code) else { throw Failure(code: code) }
        let placeholder = Glibc.open(to, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard placeholder >= 0 else { throw Failure(code: errno) }
        Glibc.close(placeholder)
        try rename(from, to: to)
    }

    /// The device and inode numbers of the file open here.
    func identity() throws(Failure) -> Identity {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(code: errno) }
        return Identity(info)
    }

    /// The device and inode numbers of what is at `path`, following a final link unless
    /// `followingLinks` is false (nil: nothing there).
    static func identity(atPath path: String, followingLinks: Bool = true) -> Identity? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        return Identity(info)
    }

    /// Removes the file at `path` (not a directory).
    static func remove(_ path: String) {
        unlink(path)
    }
}
