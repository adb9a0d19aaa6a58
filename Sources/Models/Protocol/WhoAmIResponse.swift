/// `GET /v1/whoami[?replica=<id>]`: the token's user and grant,
/// `{"last_push":N,"role":"staff","scope":"271004","user":"tanaka"}`. `scope` is present for
/// staff only; `last_push` only when the request named a replica (the highest push number the
/// server applied from it, 0 unless the caller's user owns it: docs/PROTOCOL.md §8.5).
public struct WhoAmIResponse: Hashable, Sendable, WireMessage {
    public var user: String
    public var role: Role
    /// The staff member's municipality; nil for advisors and admins.
    public var scope: MunicipalityCode?
    public var lastPush: Int64?

    public init(user: String, role: Role, scope: MunicipalityCode?, lastPush: Int64? = nil) {
        self.user = user
        self.role = role
        self.scope = scope
        self.lastPush = lastPush
    }

    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: ["user", "role", "scope", "last_push"])
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
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        if let lastPush {
            writer.key("last_push")
            writer.write(integer: lastPush)
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
