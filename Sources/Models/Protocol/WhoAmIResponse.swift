/// `GET /v1/whoami[?replica=<id>]`: the token's user and grant,
/// `{"last_push":N,"role":"staff","scope":"271004","user":"tanaka"}`. `scope` is present for
/// staff only; `last_push` only when the request named a replica (the highest push number the
/// server applied from it, 0 unless the caller's user owns it: docs/PROTOCOL.md §8.5);
/// `on_behalf` only for an advisor allowed to enter answers for municipalities (their codes,
/// sorted).
public struct WhoAmIResponse: Hashable, Sendable, WireMessage {
    public var user: String
    public var role: Role
    /// The staff member's municipality; nil for advisors and admins.
    public var scope: MunicipalityCode?
    public var lastPush: Int64?
    /// Municipalities an advisor may enter survey answers for (`Grant.onBehalf`), sorted.
    public var onBehalf: [MunicipalityCode]

    public init(
        user: String, role: Role, scope: MunicipalityCode?, lastPush: Int64? = nil, onBehalf: [MunicipalityCode] = []
    ) {
        self.user = user
        self.role = role
        self.scope = scope
        self.lastPush = lastPush
        self.onBehalf = onBehalf.sorted { $0.rawValue < $1.rawValue }
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["user", "role", "scope", "last_push", "on_behalf"])
        user = try object.string("user")
        guard !user.isEmpty else { throw .invalidField(path: object.path(of: "user"), reason: "must not be empty") }
        let roleName = try object.string("role")
        guard let role = Role(rawValue: roleName) else {
            throw .invalidField(path: object.path(of: "role"), reason: "unknown role \(Printable.quoted(roleName))")
        }
        self.role = role
        if object.optionalValue("scope") == nil {
            scope = nil
        } else {
            let code = try object.string("scope")
            scope = try object.checked("scope") { () throws(ModelError) in try MunicipalityCode(validating: code) }
        }
        guard (role == .staff) == (scope != nil) else {
            throw .invalidField(path: object.path(of: "scope"), reason: "staff, and only staff, have a scope")
        }
        if object.optionalValue("last_push") == nil {
            lastPush = nil
        } else {
            let number = try object.int64("last_push")
            guard number >= 0 else {
                throw .invalidField(path: object.path(of: "last_push"), reason: "must be 0 or more")
            }
            lastPush = number
        }
        if object.optionalValue("on_behalf") == nil {
            onBehalf = []
        } else {
            guard role == .advisor, case .array(let codes)? = object.optionalValue("on_behalf"), codes.count <= 1000
            else {
                throw .invalidField(
                    path: object.path(of: "on_behalf"), reason: "an advisor's list of municipality codes (at most 1000)"
                )
            }
            var parsed: [MunicipalityCode] = []
            for (index, code) in codes.enumerated() {
                guard case .string(let text) = code else {
                    throw .invalidField(path: object.path(of: "on_behalf") + "[\(index)]", reason: "must be a code")
                }
                parsed.append(try MunicipalityCode(validating: text))
            }
            onBehalf = parsed.sorted { $0.rawValue < $1.rawValue }
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        if let lastPush {
            writer.key("last_push")
            writer.write(integer: lastPush)
        }
        if !onBehalf.isEmpty {
            writer.key("on_behalf")
            writer.beginArray()
            for code in onBehalf { writer.write(string: code.rawValue) }
            writer.endArray()
        }
        writer.key("role")
        writer.write(string: role.rawValue)
        if let scope {
            writer.key("scope")
            writer.write(string: scope.rawValue)
        }
        writer.key("user")
        writer.write(string: user)
        writer.endObject()
    }
}
