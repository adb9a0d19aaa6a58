import Foundation
import Glibc
import Localization

/// Keeps a store's directory private to the account that owns it: the directory and its
/// subdirectories mode 0700, its files 0600. They hold every municipality's data (and, on the
/// server, the token hashes), so no other local user may read them.
///
/// New files are created private (`Database` creates a database file 0600; SQLite gives its
/// `-wal` and `-shm` files the database file's mode; blobs are written 0600 in 0700
/// directories). `secure` checks what an older version, a copy or a hand-made directory left
/// behind: anything a group or other users may use is tightened, and the caller says so; what
/// cannot be tightened (the process is not the owner) is refused.
public enum PrivateFiles {
    /// Mode of private directories: owner only.
    public static let directoryMode: mode_t = 0o700
    /// Mode of private files: owner read and write only.
    public static let fileMode: mode_t = 0o600

    /// A path whose mode was too open and has been tightened.
    public struct Fix: Hashable, Sendable, CustomStringConvertible {
        public let path: String
        /// The permission bits before and after (e.g. 0o755 -> 0o700).
        public let was: mode_t
        public let now: mode_t

        public var description: String {
            let values: [String: Any] = ["path": path, "was": PrivateFiles.octal(was), "now": PrivateFiles.octal(now)]
            return localized("storage.private.fixed", values)
        }
    }

    /// A path other users may read whose mode this process may not change.
    public struct Failure: Error, CustomStringConvertible {
        public let path: String
        /// The permission bits found.
        public let mode: mode_t
        /// The path's owner and this process's effective user.
        public let owner: uid_t
        public let user: uid_t
        /// Why `chmod` failed.
        public let errno: Int32

        public var description: String {
            let wanted = PrivateFiles.octal(mode & 0o700)
            let owners: [String: Any] = ["owner": PrivateFiles.userName(owner), "user": PrivateFiles.userName(user)]
            let reason =
                owner != user ? localized("storage.private.other.owner", owners) : String(cString: strerror(errno))
            let values: [String: Any] = [
                "path": path, "mode": PrivateFiles.octal(mode), "reason": reason, "wanted": wanted,
            ]
            return localized("storage.private.cannot.fix", values)
        }
    }

    /// The files SQLite keeps for the database `name`: the file, its WAL, its shared memory and
    /// its rollback journal.
    public static func databaseFiles(_ name: String) -> [String] {
        [name, name + "-wal", name + "-shm", name + "-journal"]
    }

    /// Makes `directory` 0700 and, inside it, the existing `directories` 0700 and the existing
    /// regular `files` 0600 (names relative to `directory`). Modes already private (nothing for
    /// group or others) are left as they are. A directory that does not exist is not created:
    /// the answer is then empty.
    ///
    /// - Returns: what was tightened, in the order checked (for the caller to report).
    /// - Throws: `Failure` for the first path that is too open and cannot be changed.
    public static func secure(directory: URL, files: [String], directories: [String] = []) throws(Failure) -> [Fix] {
        var fixes: [Fix] = []
        var info = stat()
        // The directory itself may be a symbolic link (e.g. /srv/renkei -> /data/renkei): followed.
        guard stat(directory.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return [] }
        if let fix = try tighten(directory.path, info, to: directoryMode) { fixes.append(fix) }
        for name in directories {
            let path = directory.appendingPathComponent(name).path
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { continue }
            if let fix = try tighten(path, info, to: directoryMode) { fixes.append(fix) }
        }
        for name in files {
            let path = directory.appendingPathComponent(name).path
            // Only regular files: chmod would follow a symbolic link out of the directory.
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            if let fix = try tighten(path, info, to: fileMode) { fixes.append(fix) }
        }
        return fixes
    }

    private static func tighten(_ path: String, _ info: stat, to mode: mode_t) throws(Failure) -> Fix? {
        let was = info.st_mode & 0o7777
        guard was & 0o077 != 0 else { return nil }
        guard chmod(path, mode) == 0 else {
            throw Failure(path: path, mode: was, owner: info.st_uid, user: geteuid(), errno: errno)
        }
        return Fix(path: path, was: was, now: mode)
    }

    /// `0o755` as `0755`.
    public static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `name (uid N)`, or `uid N` for an account without a name.
    static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return "\(String(cString: name)) (uid \(uid))"
    }
}
