import Foundation

/// The one line of progress a command keeps rewriting on a terminal's standard error: each
/// update returns to the start of the line and erases it (`\r`, then `ESC [ K`, erase to the end
/// of the line), so a shorter line never leaves the end of a longer one behind; `finish` ends
/// it, and a message printed meanwhile (`interrupt`) gets a line of its own.
enum ProgressLine {
    /// `\r` and erase to the end of the line.
    static let restart = "\r\u{1B}[K"

    /// Replaces the line with `text`.
    static func show(_ text: String) {
        FileHandle.standardError.write(Data((restart + text).utf8))
    }

    /// Replaces the line with `text` and ends it.
    static func finish(_ text: String) {
        FileHandle.standardError.write(Data((restart + text + "\n").utf8))
    }

    /// Erases the line and prints `text` on a line of its own; the next `show` starts a new one.
    static func interrupt(_ text: String, terminal: Bool) {
        FileHandle.standardError.write(Data(((terminal ? restart : "") + text + "\n").utf8))
    }
}
