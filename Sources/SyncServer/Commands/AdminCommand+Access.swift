import CommandLineSupport
import Foundation
import Localization
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
        print(localized("admin.municipality.registered", ["count": list.count, "new": added]))
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
            throw CommandFailure(
                localized("admin.municipality.unreadable", ["path": Printable.quoted(path)]), status: .noInput)
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(Array(data)) } catch {
            throw CommandFailure("\(path): \(error)", status: .dataError)
        }
        guard let header = records.first, let codeColumn = header.fields.firstIndex(of: "code"),
            let nameColumn = header.fields.firstIndex(where: { $0 == "name_ja" || $0 == "name" })
        else {
            throw CommandFailure(localized("admin.municipality.no.header", ["path": path]), status: .dataError)
        }
        var list: [(MunicipalityCode, String)] = []
        var problems: [String] = []
        for record in records.dropFirst() {
            guard record.fields.count > max(codeColumn, nameColumn) else {
                let reason = localized("admin.municipality.too.few.fields")
                problems.append(localized("csv.line", ["line": record.line, "reason": reason]))
                continue
            }
            let name = record.fields[nameColumn].trimmingCharacters(in: .whitespaces)
                .precomposedStringWithCanonicalMapping
            do {
                let code = try MunicipalityCode(
                    validating: record.fields[codeColumn].trimmingCharacters(in: .whitespaces))
                guard !name.isEmpty else { throw CommandFailure(localized("admin.municipality.name.empty")) }
                list.append((code, name))
            } catch {
                problems.append(localized("csv.line", ["line": record.line, "reason": error]))
            }
        }
        guard problems.isEmpty else {
            let values = ["path": path, "problems": problems.joined(separator: "\n  ")]
            throw CommandFailure(localized("admin.municipality.rejected", values), status: .dataError)
        }
        guard !list.isEmpty else {
            throw CommandFailure(localized("admin.municipality.none", ["path": path]), status: .dataError)
        }
        return list
    }

    // MARK: - user

    static func addUser(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let roleText = try arguments.option(ServerOptions.role)
        let scopeText = try arguments.option(ServerOptions.scope)
        let name = try arguments.positional("NAME")
        try arguments.finish()
        guard let roleText, let role = Role(rawValue: roleText) else {
            throw UsageError(localized("admin.user.role.invalid"))
        }
        try checkUserName(name)
        var municipality: MunicipalityCode?
        if role == .staff {
            guard let scopeText else { throw UsageError(localized("admin.user.scope.missing")) }
            do { municipality = try MunicipalityCode(validating: scopeText) } catch {
                throw UsageError("--scope: \(error)")
            }
        } else if scopeText != nil {
            throw UsageError(localized("admin.user.scope.unexpected"))
        }
        let access = try data.openStore(create: true).access
        do {
            try access.addUser(name, grant: Grant(role: role, municipality: municipality))
        } catch let error as AccessError {
            throw CommandFailure(error.description, status: .dataError)
        }
        let grant = Grant(role: role, municipality: municipality)
        try record(access, "admin user add", "user=\(name) grant=\(grant.description)")
        print(localized("admin.user.added", ["name": name, "grant": grant.description]))
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
        print(
            disable ? localized("admin.user.disabled", ["name": name]) : localized("admin.user.enabled", ["name": name])
        )
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
                let disabled = user.disabledAt == nil ? "" : "  " + localized("admin.user.list.disabled")
                print("\(Printable.quoted(user.name))  \(user.grant.description)\(disabled)")
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
        case (true, true): print(localized("admin.user.entry.allowed", ["name": name, "place": place]))
        case (true, false): print(localized("admin.user.entry.already", ["name": name, "place": place]))
        case (false, true): print(localized("admin.user.entry.withdrawn", ["name": name, "place": place]))
        case (false, false): print(localized("admin.user.entry.not.allowed", ["name": name, "place": place]))
        }
    }

    /// 1-64 characters: letters, digits, `.`, `_`, `-`, `@` (names go into logs and the audit).
    static func checkUserName(_ name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard (1...64).contains(name.count), name.unicodeScalars.allSatisfy({ allowed.contains($0) }) else {
            throw UsageError(localized("admin.user.name.invalid"))
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
            throw CommandFailure(
                localized("dashboard.link.no.user", ["name": Printable.quoted(name)]), status: .dataError)
        }
        guard user.grant.role != .staff else {
            throw CommandFailure(
                localized("dashboard.link.not.for.staff", ["name": name, "grant": user.grant.description]),
                status: .noPermission)
        }
        let code = String(Authenticator.newToken().dropFirst(Token.prefix.count))
        try access.addDashboardLink(
            hash: Authenticator.hash(code), user: name, expiresAt: UnixTime.milliseconds() + 600_000)
        try record(access, "admin dashboard-link", "user=\(name)")
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        print(trimmed + Dashboard.oneTimeSignInPath + code)
        Terminal.printError(localized("dashboard.link.open.soon"))
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
            throw CommandFailure(localized("token.no.user", ["name": Printable.quoted(name)]), status: .dataError)
        }
        guard user.disabledAt == nil else {
            throw CommandFailure(localized("token.user.disabled", ["name": name]), status: .dataError)
        }
        let token = Authenticator.newToken()
        let id = try access.addToken(hash: Authenticator.hash(token), user: name, expiresAt: expiresAt, at: now)
        try record(
            access, "admin token issue",
            "user=\(name) token_id=\(id)\(expiresAt.map { " expires=\(AuditFormat.time($0))" } ?? "")")
        print(token)
        let validity = expiresAt.map { localized("token.issued.until", ["time": JapanTime.marked($0)]) } ?? ""
        let values = ["id": id, "name": name, "grant": user.grant.description, "until": validity]
        Terminal.printError(localized("token.issued", values))
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
            guard !overflow, product <= 100 * 366 * 86_400_000 else {
                throw UsageError(localized("token.expires.too.far"))
            }
            return now + product
        }
        guard case .date(let day) = DateInput.read(text), let date = CivilDay(iso: day) else {
            throw UsageError(localized("token.expires.invalid"))
        }
        // Midnight after that day in Japan (UTC+9, no daylight saving).
        let expires = Int64(date.adding(days: 1).dayNumber) * 86_400_000 - 9 * 3_600_000
        guard expires > now else { throw UsageError(localized("token.expires.passed", ["day": day])) }
        return expires
    }

    static func revokeTokens(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let userName = try arguments.option(ServerOptions.user)
        let id = arguments.optionalPositional()
        try arguments.finish()
        guard (id == nil) != (userName == nil) else { throw UsageError(localized("token.revoke.which")) }
        let access = try data.openStore(create: false).access
        let count = try access.revokeTokens(id: id, user: userName)
        guard count > 0 else {
            let message =
                if let id { localized("token.revoke.no.id", ["id": id]) } else {
                    localized("token.revoke.no.user", ["user": userName ?? ""])
                }
            throw CommandFailure(message, status: .dataError)
        }
        try record(
            access, "admin token revoke", id.map { "token_id=\($0)" } ?? "user=\(userName ?? "") tokens=\(count)")
        print(localized("token.revoked", ["count": count]))
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
                let issued = localized("token.list.issued", ["time": AuditFormat.time(token.createdAt)])
                let revoked = token.revokedAt.map { localized("token.list.revoked", ["time": AuditFormat.time($0)]) }
                let expiry = token.expiresAt.map {
                    $0 > now
                        ? localized("token.list.expires", ["time": AuditFormat.time($0)])
                        : localized("token.list.expired", ["time": AuditFormat.time($0)])
                }
                let use =
                    token.lastUsedAt.map { localized("token.list.last.used", ["time": AuditFormat.time($0)]) }
                    ?? localized("token.list.never.used")
                print(
                    ([token.id, token.user, issued] + [revoked, expiry, use].compactMap { $0 }).joined(separator: "  "))
            }
        }
    }
}
