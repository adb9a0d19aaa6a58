/// A named list of allowed codes for `in_codelist:NAME` validators: given inline, or kept in an
/// external file that whoever checks answers loads (`{"source": "osaka_municipalities.csv",
/// "key": "code"}`).
public enum Codelist: Sendable, Equatable {
    case codes(Set<String>)
    case external(source: String, key: String)

    init(json: JSONValue, path: String) throws(ModelError) {
        switch json {
        case .array(let entries):
            var codes: Set<String> = []
            for (index, entry) in entries.enumerated() {
                guard case .string(let code) = entry else {
                    throw .invalidField(path: "\(path)[\(index)]", reason: "expected a code (text)")
                }
                codes.insert(code)
            }
            self = .codes(codes)
        case .object:
            let object = try WireObject(json, path: path)
            try object.finish(known: ["source", "key"])
            self = .external(source: try object.string("source"), key: try object.string("key"))
        default:
            throw .invalidField(path: path, reason: "expected an array of codes or {\"source\", \"key\"}")
        }
    }
}
