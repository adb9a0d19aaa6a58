import Localization

/// Which topic of the national survey an item corresponds to, and which of its choices match
/// which national answer: `"national": {"topic": "cio_appointed", "answers": {"yes": "任命している"}}`.
/// Reports put the national rate of that answer beside the share of municipalities that chose
/// the choice (`renkei report progress --compare national`).
public struct NationalLink: Sendable, Equatable {
    /// The national topic id (`[a-z0-9_]`, 1-64).
    public let topic: String
    /// Choice code -> the national answer it matches, as the national figures spell it.
    public let answers: [String: String]

    init(json: JSONValue, path: String, choices: [String]) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["topic", "answers"])
        topic = try object.string("topic")
        guard topic.isLowercaseCode(length: 1...64) else {
            throw .invalidField(path: object.path(of: "topic"), reason: localized("questionnaire.national.topic"))
        }
        guard case .object(let members)? = object.optionalValue("answers"), !members.isEmpty else {
            throw .invalidField(path: object.path(of: "answers"), reason: localized("questionnaire.national.answers"))
        }
        var answers: [String: String] = [:]
        for (code, value) in members {
            guard choices.contains(code) else {
                throw .invalidField(
                    path: "\(object.path(of: "answers")).\(code)",
                    reason: localized("questionnaire.national.not.choice"))
            }
            guard case .string(let answer) = value, (1...100).contains(answer.count) else {
                throw .invalidField(
                    path: "\(object.path(of: "answers")).\(code)",
                    reason: localized("questionnaire.national.answer.text"))
            }
            answers[code] = answer
        }
        self.answers = answers
    }
}
