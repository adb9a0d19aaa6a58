import Localization

/// What is wrong with bytes that are not a JSON document, kept apart from its wording so that
/// `ModelError.description(in:)` can say it in either language (people read it in theirs; the
/// server's error bodies say it in English).
public enum JSONSyntaxProblem: Hashable, Sendable, CustomStringConvertible {
    case bytesAfterDocument
    case unexpectedEnd
    case unexpectedCharacter
    case invalidLiteral
    /// Arrays and objects nested deeper than the limit.
    case tooDeep(limit: Int)
    /// More values in one document than its reader takes (`JSONParser.maxValues`).
    case tooManyValues(limit: Int)
    case expectedMemberName
    case expectedColon
    /// A member name that appears twice in one object (quoted for display).
    case duplicateMember(String)
    case expectedCommaOrBrace
    case expectedCommaOrBracket
    case controlCharacter
    case unterminatedString
    case invalidUTF8
    case unterminatedEscape
    case unpairedSurrogate
    case invalidEscape
    case truncatedUnicodeEscape
    case invalidUnicodeEscape
    case expectedDigit
    case leadingZero
    case expectedDigitAfterPoint
    case expectedDigitInExponent
    case numberOutOfRange

    /// In the language of the process.
    public var description: String { text(in: Language.current) }

    /// The problem in `language`.
    public func text(in language: Language) -> String {
        switch self {
        case .bytesAfterDocument: return localized("json.bytes.after.document", in: language)
        case .unexpectedEnd: return localized("json.unexpected.end", in: language)
        case .unexpectedCharacter: return localized("json.unexpected.character", in: language)
        case .invalidLiteral: return localized("json.invalid.literal", in: language)
        case .tooDeep(let limit): return localized("json.too.deep", ["limit": limit], in: language)
        case .tooManyValues(let limit): return localized("json.too.many.values", ["limit": limit], in: language)
        case .expectedMemberName: return localized("json.expected.member.name", in: language)
        case .expectedColon: return localized("json.expected.colon", in: language)
        case .duplicateMember(let name): return localized("json.duplicate.member", ["name": name], in: language)
        case .expectedCommaOrBrace: return localized("json.expected.comma.or.brace", in: language)
        case .expectedCommaOrBracket: return localized("json.expected.comma.or.bracket", in: language)
        case .controlCharacter: return localized("json.control.character", in: language)
        case .unterminatedString: return localized("json.unterminated.string", in: language)
        case .invalidUTF8: return localized("json.invalid.utf8", in: language)
        case .unterminatedEscape: return localized("json.unterminated.escape", in: language)
        case .unpairedSurrogate: return localized("json.unpaired.surrogate", in: language)
        case .invalidEscape: return localized("json.invalid.escape", in: language)
        case .truncatedUnicodeEscape: return localized("json.truncated.unicode.escape", in: language)
        case .invalidUnicodeEscape: return localized("json.invalid.unicode.escape", in: language)
        case .expectedDigit: return localized("json.expected.digit", in: language)
        case .leadingZero: return localized("json.leading.zero", in: language)
        case .expectedDigitAfterPoint: return localized("json.expected.digit.after.point", in: language)
        case .expectedDigitInExponent: return localized("json.expected.digit.in.exponent", in: language)
        case .numberOutOfRange: return localized("json.number.out.of.range", in: language)
        }
    }
}
