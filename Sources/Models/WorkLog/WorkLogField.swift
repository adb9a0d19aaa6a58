import Localization

/// What one field of a work log record holds, and the check of a value claimed for it.
public enum WorkLogField: Sendable, Equatable {
    /// A real day, `YYYY-MM-DD`.
    case day
    /// Text of at most this many Unicode scalars (no control characters but line breaks and
    /// tabs, no direction overrides).
    case text(maxCharacters: Int)
    /// One of these codes.
    case choice([String])
    /// A whole number in the range (minutes, attendees).
    case count(ClosedRange<Int64>)
    /// A list of distinct municipality codes (with their check digit), at most `max`.
    case municipalities(max: Int)

    /// How an inquiry came: phone, mail, visit, online meeting, other.
    public static let channels = ["phone", "mail", "visit", "online", "other"]

    /// 電話, メール, 訪問, オンライン, その他.
    public static let channelLabels = [
        "phone": "電話", "mail": "メール", "visit": "訪問", "online": "オンライン", "other": "その他",
    ]

    /// Why `value` does not fit (nil: it fits), in `language` (see `WorkLogKind.problem`).
    public func problem(_ value: JSONValue, in language: Language = .english) -> String? {
        switch self {
        case .day:
            guard case .string(let text) = value, CivilDay(iso: text) != nil else {
                return localized("worklog.problem.day", in: language)
            }
            return nil
        case .text(let limit):
            guard case .string(let text) = value else { return localized("worklog.problem.text", in: language) }
            // Counted in Unicode scalars, so combining marks cannot hide kilobytes in one character.
            guard text.unicodeScalars.count <= limit else {
                return localized("worklog.problem.text.length", ["limit": limit], in: language)
            }
            let forbidden = text.unicodeScalars.contains { $0 != "\r" && Printable.isHidden($0) }
            return forbidden ? localized("worklog.problem.text.hidden", in: language) : nil
        case .choice(let codes):
            guard case .string(let code) = value, codes.contains(code) else {
                return localized("worklog.problem.choice", ["codes": codes.joined(separator: ", ")], in: language)
            }
            return nil
        case .count(let range):
            guard case .integer(let number) = value, range.contains(number) else {
                let bounds: [String: Any] = ["min": range.lowerBound, "max": range.upperBound]
                return localized("worklog.problem.count", bounds, in: language)
            }
            return nil
        case .municipalities(let limit):
            guard case .array(let elements) = value, elements.count <= limit else {
                return localized("worklog.problem.municipalities.count", ["limit": limit], in: language)
            }
            var seen: Set<String> = []
            for element in elements {
                guard case .string(let code) = element, (try? MunicipalityCode(validating: code)) != nil else {
                    return localized("worklog.problem.municipalities.code", in: language)
                }
                guard seen.insert(code).inserted else {
                    return localized("worklog.problem.municipalities.once", in: language)
                }
            }
            return nil
        }
    }
}
