import Localization

/// Why an answer is refused, in Japanese for municipal staff and in English, e.g.
/// 「B07: 0 以上の整数を入力してください」 / "B07: enter a whole number of at least 0". Both texts
/// come from the message catalog (`answer.…`), whatever the process's language: the server sends
/// both in its refusals.
public struct AnswerProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The item (and, in a table, `item.row.column`) the problem is about.
    public let path: String
    public let japanese: String
    public let english: String

    public init(_ path: String, _ japanese: String, _ english: String) {
        self.path = path
        self.japanese = "\(path): \(japanese)"
        self.english = "\(path): \(english)"
    }

    /// The same problem about `path` instead (the reasons kept): a table cell's problem, found
    /// by its column's check, named by its full `item.row.column` path without checking twice.
    public func at(_ path: String) -> AnswerProblem {
        let prefix = self.path.count + 2
        return AnswerProblem(path, String(japanese.dropFirst(prefix)), String(english.dropFirst(prefix)))
    }

    /// The problem whose reason `text` gives in each language, a message of the catalog:
    /// `AnswerProblem(path) { localized("answer.text.expected", in: $0) }`.
    public init(_ path: String, _ text: (Language) -> String) {
        self.init(path, text(.japanese), text(.english))
    }

    public var description: String { "\(japanese) (\(english))" }
}
