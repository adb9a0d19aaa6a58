import CommandLineSupport
import Foundation
import Models
import Reports
import SyncStorage

extension AdminCommand {
    /// Who ran an admin command, for the audit log: `admin:<login>`.
    static var operatorName: String {
        let login = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.userName
        return "admin:" + (login.isEmpty ? "unknown" : login)
    }

    static func record(_ access: AccessStore, _ action: String, _ detail: String) throws {
        try access.audit([AuditEntry(user: operatorName, action: action, detail: detail, peer: "local")])
    }

    // MARK: - municipality

    static func importMunicipalities(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let path = try arguments.positional("FILE.csv")
        try arguments.finish()
        let list = try readMunicipalities(path)
        let access = try data.openStore(create: true).access
        let added = try access.importMunicipalities(list)
        try record(
            access, "admin municipality import",
            "file=\(URL(fileURLWithPath: path).lastPathComponent) rows=\(list.count) new=\(added)")
        print("Registered \(list.count) municipalities (\(added) new).")
    }

    static func listMunicipalities(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let json = arguments.flag(ServerOptions.json)
        try arguments.finish()
        let list = try data.openStore(create: false).access.municipalities()
        if json {
            print(JSONValue.array(list.map { ["code": .string($0.code), "name": .string($0.name)] }).canonicalText)
        } else {
            for item in list { print("\(item.code)  \(item.name)") }
        }
    }

    /// `code,name_ja,…` with a header; every code is checked (six digits, check digit) and every
    /// bad line is reported with its number; nothing is registered unless all are good.
    static func readMunicipalities(_ path: String) throws -> [(code: MunicipalityCode, name: String)] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("cannot read \(Printable.quoted(path))", status: .noInput)
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(Array(data)) } catch {
            throw CommandFailure("\(path): \(error)", status: .dataError)
        }
        guard let header = records.first, let codeColumn = header.fields.firstIndex(of: "code"),
            let nameColumn = header.fields.firstIndex(where: { $0 == "name_ja" || $0 == "name" })
        else {
            throw CommandFailure("\(path): the first line must name the columns code and name_ja", status: .dataError)
        }
        var list: [(MunicipalityCode, String)] = []
        var problems: [String] = []
        for record in records.dropFirst() {
            guard record.fields.count > max(codeColumn, nameColumn) else {
                problems.append("line \(record.line): too few fields")
                continue
            }
            let name = record.fields[nameColumn].trimmingCharacters(in: .whitespaces)
                .precomposedStringWithCanonicalMapping
            do {
                let code = try MunicipalityCode(
                    validating: record.fields[codeColumn].trimmingCharacters(in: .whitespaces))
                guard !name.isEmpty else { throw CommandFailure("the name is empty") }
                list.append((code, name))
            } catch {
                problems.append("line \(record.line): \(error)")
            }
        }
        guard problems.isEmpty else {
            throw CommandFailure(
                "\(path): nothing was registered:\n  " + problems.joined(separator: "\n  "), status: .dataError)
        }
        guard !list.isEmpty else { throw CommandFailure("\(path) lists no municipality", status: .dataError) }
        return list
    }

    // MARK: - user

    static func addUser(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let roleText = try arguments.option(ServerOptions.role)
        let scopeText = try arguments.option(ServerOptions.scope)
        let name = try arguments.positional("NAME")
        try arguments.finish()
        guard let roleText, let role = Role(rawValue: roleText) else {
            throw UsageError("--role must be staff, advisor or admin")
        }
        try checkUserName(name)
        var municipality: MunicipalityCode?
        if role == .staff {
            guard let scopeText else { throw UsageError("staff belong to a municipality: --scope CODE") }
            do { municipality = try MunicipalityCode(validating: scopeText) } catch {
                throw UsageError("--scope: \(error)")
            }
        } else if scopeText != nil {
            throw UsageError("only staff have a --scope (advisors and admins read every municipality)")
        }
        let access = try data.openStore(create: true).access
        do {
            try access.addUser(name, grant: Grant(role: role, municipality: municipality))
        } catch let error as AccessError {
            throw CommandFailure(error.description, status: .dataError)
        }
        let grant = Grant(role: role, municipality: municipality)
        try record(access, "admin user add", "user=\(name) grant=\(grant.description)")
        print("Added \(name) (\(grant.description)). Issue a token with `renkei-server admin token issue \(name)`.")
    }

    /// `admin user disable NAME` (`disable` true) or `admin user enable NAME` (false).
    static func setUserDisabled(_ arguments: inout ArgumentList, _ data: ServerDataDirectory, _ disable: Bool) throws {
        let name = try arguments.positional("NAME")
        try arguments.finish()
        let access = try data.openStore(create: false).access
        do { try access.setDisabled(name, disable) } catch let error as AccessError {
            throw CommandFailure(error.description, status: .dataError)
        }
        try record(access, "admin user \(disable ? "disable" : "enable")", "user=\(name)")
        print(disable ? "Disabled \(name): every token of \(name) is refused from now on." : "Enabled \(name).")
    }

    static func listUsers(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let json = arguments.flag(ServerOptions.json)
        try arguments.finish()
        let users = try data.openStore(create: false).access.users()
        if json {
            print(
                JSONValue.array(
                    users.map { user in
                        var members: [String: JSONValue] = [
                            "name": .string(user.name), "role": .string(user.grant.role.rawValue),
                            "created_at": .integer(user.createdAt), "disabled": .bool(user.disabledAt != nil),
                        ]
                        if let code = user.grant.municipality { members["scope"] = .string(code.rawValue) }
                        if !user.grant.onBehalf.isEmpty {
                            members["on_behalf"] = .array(
                                user.grant.onBehalf.map(\.rawValue).sorted().map(JSONValue.string))
                        }
                        return .object(members)
                    }
                ).canonicalText)
        } else {
            for user in users {
                print(
                    "\(Printable.quoted(user.name))  \(user.grant.description)\(user.disabledAt == nil ? "" : "  [disabled]")"
                )
            }
        }
    }

    /// `admin user allow-entry NAME CODE` (`allowed` true) or `withdraw-entry` (false).
    static func setEntryGrant(_ arguments: inout ArgumentList, _ data: ServerDataDirectory, allowed: Bool) throws {
        let name = try arguments.positional("NAME")
        let codeText = try arguments.positional("CODE")
        try arguments.finish()
        let code: MunicipalityCode
        do { code = try MunicipalityCode(validating: codeText) } catch { throw UsageError("CODE: \(error)") }
        let access = try data.openStore(create: false).access
        let changed: Bool
        do { changed = try access.setEntryGrant(name, municipality: code, allowed: allowed) } catch let error
            as AccessError
        {
            throw CommandFailure(error.description, status: .dataError)
        }
        let action = allowed ? "allow-entry" : "withdraw-entry"
        try record(access, "admin user \(action)", "user=\(name) municipality=\(code.rawValue)")
        let place = "\(OsakaMunicipalities.name(of: code.rawValue) ?? code.rawValue) (\(code.rawValue))"
        switch (allowed, changed) {
        case (true, true): print("\(name) may now enter and submit survey answers for \(place).")
        case (true, false): print("\(name) could already enter answers for \(place).")
        case (false, true): print("\(name) no longer enters answers for \(place).")
        case (false, false): print("\(name) was not allowed to enter answers for \(place); nothing changed.")
        }
    }

    /// 1-64 characters: letters, digits, `.`, `_`, `-`, `@` (names go into logs and the audit).
    static func checkUserName(_ name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard (1...64).contains(name.count), name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw UsageError("user names are 1-64 letters, digits, '.', '_', '-' or '@'")
        }
    }

    // MARK: - dashboard-link

    /// `admin dashboard-link USER [--base URL]`: a sign-in link for the dashboard, valid once for
    /// ten minutes (for a browser on a closed network; a token can be typed in instead).
    static func dashboardLink(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let base = try arguments.option(ServerOptions.base) ?? defaultBase
        let name = try arguments.positional("USER")
        try arguments.finish()
        let access = try data.openStore(create: false).access
        guard let user = try access.user(named: name), user.disabledAt == nil else {
            throw CommandFailure("no enabled user named \(Printable.quoted(name))", status: .dataError)
        }
        guard user.grant.role != .staff else {
            throw CommandFailure(
                "the dashboard is for admins and the advisor; \(name) is \(user.grant.description)",
                status: .noPermission)
        }
        let code = String(Authenticator.newToken().dropFirst(Token.prefix.count))
        try access.addDashboardLink(
            hash: Authenticator.hash(code), user: name, expiresAt: UnixTime.milliseconds() + 600_000)
        try record(access, "admin dashboard-link", "user=\(name)")
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        print("\(trimmed)/login/once/\(code)")
        Terminal.printError("Open it within 10 minutes; it works once.")
    }

    // MARK: - token

    static func issueToken(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let expiresText = try arguments.option(ServerOptions.expires)
        let name = try arguments.positional("USER")
        try arguments.finish()
        let now = UnixTime.milliseconds()
        let expiresAt = try expiresText.map { text throws(UsageError) in try Self.expiry(text, now: now) }
        let access = try data.openStore(create: false).access
        guard let user = try access.user(named: name) else {
            throw CommandFailure("no user named \(Printable.quoted(name))", status: .dataError)
        }
        guard user.disabledAt == nil else {
            throw CommandFailure("\(name) is disabled: enable the user first", status: .dataError)
        }
        let token = Authenticator.newToken()
        let id = try access.addToken(hash: Authenticator.hash(token), user: name, expiresAt: expiresAt, at: now)
        try record(
            access, "admin token issue",
            "user=\(name) token_id=\(id)\(expiresAt.map { " expires=\(AuditFormat.time($0))" } ?? "")")
        print(token)
        Terminal.printError(
            "Token \(id) for \(name) (\(user.grant.description))\(expiresAt.map { ", valid until \(JapanTime.text($0)) JST" } ?? ""). It is shown only this once: hand it over safely; the user runs `renkei login --server URL --token -` and pastes it (or `--token-file FILE`)."
        )
    }

    /// When a token given `--expires TEXT` at `now` stops working (Unix milliseconds): a
    /// duration (`90d`, `12w`, `24h`, `30m`, `45s`) from now, or a date (`2027-03-31`,
    /// `令和9年3月31日`) whose whole day, Japan time, it still works.
    static func expiry(_ text: String, now: Int64) throws(UsageError) -> Int64 {
        let units: [Character: Int64] = ["s": 1_000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000]
        if let unit = text.last.flatMap({ units[$0] }), let count = Int64(text.dropLast()),
            (1...100_000).contains(count)
        {
            let (product, overflow) = count.multipliedReportingOverflow(by: unit)
            guard !overflow, product <= 100 * 366 * 86_400_000 else { throw UsageError("--expires: at most 100 years") }
            return now + product
        }
        guard case .date(let day) = DateInput.read(text), let date = CivilDay(iso: day) else {
            throw UsageError("--expires takes a duration (90d, 12w, 24h) or a date (2027-03-31)")
        }
        // Midnight after that day in Japan (UTC+9, no daylight saving).
        let expires = Int64(date.adding(days: 1).dayNumber) * 86_400_000 - 9 * 3_600_000
        guard expires > now else { throw UsageError("--expires: \(day) has already passed") }
        return expires
    }

    static func revokeTokens(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let userName = try arguments.option(ServerOptions.user)
        let id = arguments.optionalPositional()
        try arguments.finish()
        guard (id == nil) != (userName == nil) else { throw UsageError("give a token id or --user USER") }
        let access = try data.openStore(create: false).access
        let count = try access.revokeTokens(id: id, user: userName)
        guard count > 0 else {
            throw CommandFailure(
                "no live token \(id.map { "with id \($0)" } ?? "of \(userName ?? "")")", status: .dataError)
        }
        try record(
            access, "admin token revoke", id.map { "token_id=\($0)" } ?? "user=\(userName ?? "") tokens=\(count)")
        print("Revoked \(count) token(s); refused from the next request on.")
    }

    static func listTokens(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let userName = try arguments.option(ServerOptions.user)
        let json = arguments.flag(ServerOptions.json)
        try arguments.finish()
        let tokens = try data.openStore(create: false).access.tokens(user: userName)
        if json {
            print(
                JSONValue.array(
                    tokens.map {
                        [
                            "id": .string($0.id), "user": .string($0.user), "created_at": .integer($0.createdAt),
                            "revoked": .bool($0.revokedAt != nil),
                            "expires_at": $0.expiresAt.map(JSONValue.integer) ?? .null,
                            "last_used_at": $0.lastUsedAt.map(JSONValue.integer) ?? .null,
                        ]
                    }
                ).canonicalText)
        } else {
            let now = UnixTime.milliseconds()
            for token in tokens {
                let expiry = token.expiresAt.map {
                    $0 > now ? "  expires \(AuditFormat.time($0))" : "  expired \(AuditFormat.time($0))"
                }
                let use = token.lastUsedAt.map { "  last used \(AuditFormat.time($0))" } ?? "  never used"
                print(
                    "\(token.id)  \(token.user)  issued \(AuditFormat.time(token.createdAt))\(token.revokedAt.map { "  revoked \(AuditFormat.time($0))" } ?? "")\(expiry ?? "")\(use)"
                )
            }
        }
    }
}
