import Localization

/// A named list of allowed codes for `in_codelist:NAME` validators: given inline, or an external
/// list Renkei carries (`{"source": "osaka_municipalities.csv", "key": "code"}`, the only one;
/// `OsakaMunicipalities.codelists(for:)` resolves both). A schema naming another source is
/// refused: its answers could not be checked.
public enum Codelist: Sendable, Equatable {
    case codes(Set<String>)
    case external(source: String, key: String)

    init(json: JSONValue, path: String) throws(ModelError) {
        switch json {
        case .array(let entries):
            var codes: Set<String> = []
            for (index, entry) in entries.enumerated() {
                guard case .string(let code) = entry else {
                    throw .invalidField(path: "\(path)[\(index)]", reason: localized("questionnaire.codelist.code"))
                }
                codes.insert(code)
            }
            self = .codes(codes)
        case .object:
            let object = try WireObject(json, path: path)
            try object.finish(known: ["source", "key"])
            let source = try object.string("source")
            let key = try object.string("key")
            // Only lists Renkei carries can be checked; a survey naming another file would have
            // its answers stored unchecked.
            guard source == OsakaMunicipalities.codelistSource, key == "code" else {
                let values: [String: Any] = [
                    "source": Printable.quoted(source), "key": Printable.quoted(key),
                    "builtin": "{\"source\": \"\(OsakaMunicipalities.codelistSource)\", \"key\": \"code\"}",
                ]
                throw .invalidField(path: path, reason: localized("questionnaire.codelist.unknown.source", values))
            }
            self = .external(source: source, key: key)
        default:
            throw .invalidField(path: path, reason: localized("questionnaire.codelist.shape"))
        }
    }
}
