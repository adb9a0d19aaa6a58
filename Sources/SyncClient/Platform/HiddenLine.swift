import Foundation
import Glibc

/// One line typed on the terminal without echo (`ECHO` off in termios, restored afterwards,
/// also on Ctrl-C), after a prompt on standard error.
enum HiddenLine {
    /// Whether standard input is a terminal (a prompt then, and no echo).
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The terminal's settings while echo is off, for the signal handler to put back.
    nonisolated(unsafe) private static var saved = termios()

    static func read(prompt: String) -> String? {
        FileHandle.standardError.write(Data(prompt.utf8))
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return readLine() }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        let restore: @convention(c) (Int32) -> Void = { signalNumber in
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &HiddenLine.saved)
            _exit(128 + signalNumber)
        }
        let previous = (signal(SIGINT, restore), signal(SIGTERM, restore), signal(SIGHUP, restore))
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        let line = readLine()
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
        signal(SIGINT, previous.0)
        signal(SIGTERM, previous.1)
        signal(SIGHUP, previous.2)
        return line
    }
}
