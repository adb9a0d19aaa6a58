import CommandLineSupport
import Localization
import Models
import SyncStorage

extension ReplicaStore {
    /// What this replica's user may write: the role `renkei login` was told by the server, else
    /// (before any login) what the replica's scope implies: a municipality's staff, or for a
    /// `shared` replica the advisor.
    func localGrant() throws -> Grant {
        let scope = try setting(.scope) ?? "shared"
        let municipality = try? MunicipalityCode(validating: scope)
        let entries = Set(
            (try setting(.onBehalf) ?? "").split(separator: ",").compactMap {
                try? MunicipalityCode(validating: String($0))
            })
        switch try setting(.role).flatMap(Role.init(rawValue:)) {
        case .admin?: return Grant(role: .admin, municipality: nil)
        case .advisor?: return Grant(role: .advisor, municipality: nil, onBehalf: entries)
        case .staff?, nil:
            if let municipality { return Grant(role: .staff, municipality: municipality) }
            return Grant(role: .advisor, municipality: nil, onBehalf: entries)
        }
    }

    /// `staff of 271004`, `advisor`, `admin`: what this replica may write.
    func grantDescription() throws -> String { try localGrant().description }

    /// `write`, refused up front when the server would refuse it: a forbidden change would
    /// otherwise wait in the outbox and block every later push.
    @discardableResult
    func permittedWrite(_ value: JSONValue, to key: RecordKey, scope: Scope, user: String) throws -> Version {
        try permittedWriteAll([(key, scope, value)], user: user)[0]
    }

    /// `writeAll`, with every write checked as `permittedWrite` does (all or nothing): the role
    /// may write it, and an answer names the municipality of its scope and passes its survey as
    /// this replica holds it (open, and valid for the schema), and the survey lifecycle allows it
    /// (`lifecycleProblem`): the same rules the server applies,
    /// so no CLI path (`put`, `conflicts resolve`, `survey answer`, `survey import`) writes an
    /// answer the server would refuse.
    @discardableResult
    func permittedWriteAll(_ writes: [(key: RecordKey, scope: Scope, value: JSONValue)], user: String) throws
        -> [Version]
    {
        let grant = try localGrant()
        if let refused = writes.first(where: { !grant.mayWrite(collection: $0.key.collection, scope: $0.scope) }) {
            let values = [
                "grant": grant.description, "collection": refused.key.collection, "scope": "\(refused.scope)",
            ]
            throw CommandFailure(localized("replica.write.forbidden", values), status: .noPermission)
        }
        for write in writes {
            // The server's size limit (`ValueLimits`), checked before the value waits in the outbox.
            let limit = ValueLimits.maxBytes(for: write.key.collection)
            if write.value.canonicalText.utf8.count > limit {
                let values: [String: Any] = ["key": write.key, "kilobytes": limit / 1024]
                throw CommandFailure(localized("replica.write.too.large", values), status: .dataError)
            }
            if write.key.collection == CollectionName.hearingItems,
                let refusal = HearingItemRules.refusal(
                    field: write.key.field, value: write.value, role: grant.role, in: Language.current)
            {
                throw CommandFailure(localized("replica.write.refused", ["reason": refusal]), status: .noPermission)
            }
            if write.key.collection == Document.collection,
                let problem = Document.problem(field: write.key.field, value: write.value, in: Language.current)
            {
                throw CommandFailure(
                    localized("replica.write.problem", ["key": write.key, "problem": problem]), status: .dataError)
            }
            if let problem = WorkLogKind.problem(
                collection: write.key.collection, field: write.key.field, value: write.value, scope: write.scope,
                in: Language.current)
            {
                throw CommandFailure(
                    localized("replica.write.problem", ["key": write.key, "problem": problem]), status: .dataError)
            }
        }
        // The user's own writes on their own PC: no budget of pattern checking (the server's
        // protects other municipalities' pushes; an import of many rows checks them all).
        var surveys = SurveyRules(store: self, patternWork: .max)
        for write in writes where write.key.collection == CollectionName.answers {
            guard let record = AnswerRecord(parsing: write.key.record), record.belongs(to: write.scope) else {
                // The record's forms hold braces: given as values, they are not read as placeholders.
                let values = [
                    "form": "{調査}/{団体コード}/{設問}[/{行}]", "englishForm": "{survey}/{municipality}/{item}[/{row}]",
                    "scope": "\(write.scope)",
                ]
                throw CommandFailure(localized("replica.write.answer.record", values), status: .dataError)
            }
            let change = Change(
                key: write.key, scope: write.scope,
                version: Version(vector: VersionVector(), value: write.value, author: replicaID, user: user, at: 0))
            if let (_, message) = try surveys.problem(with: change, at: record) {
                throw CommandFailure(localized("replica.write.nothing", ["message": message]), status: .dataError)
            }
        }
        if let problem = try lifecycleProblem(writes, grant: grant) {
            throw CommandFailure(localized("replica.write.nothing", ["message": "\(problem)"]), status: .dataError)
        }
        return try writeAll(writes, user: user)
    }
}
