import Foundation
import Glibc

/// Runs a program in the terminal's foreground, as a shell runs a command: in this program's
/// own process group, with its standard input, output and error, and waits for it.
///
/// `Foundation.Process` starts its child in a process group of its own, which is not the
/// terminal's foreground group: an editor that reads the terminal is then stopped (SIGTTIN)
/// and the command hangs. `posix_spawn` without `POSIX_SPAWN_SETPGROUP` keeps the child in the
/// foreground. While the child runs, this program ignores SIGINT and SIGQUIT (Ctrl+C belongs to
/// the editor), as `system(3)` does.
enum ForegroundProcess {
    /// Runs `arguments[0]` (looked up in `PATH`) with `arguments`; returns its exit status, or
    /// 128 + the signal that ended it.
    static func run(_ arguments: [String]) throws -> Int32 {
        var pid: pid_t = 0
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child gets the default dispositions and an empty mask, whatever this one has.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGQUIT)
        sigaddset(&defaults, SIGTSTP)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        let spawned = posix_spawnp(&pid, arguments[0], nil, &attributes, &cArguments, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .ENOENT) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import as functions.
        let signalNumber = status & 0x7F
        return signalNumber == 0 ? (status >> 8) & 0xFF : 128 + signalNumber
    }
}
