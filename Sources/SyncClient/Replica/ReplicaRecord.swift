import CommandLineSupport
import Localization
import Models
import Reports
import SyncStorage

/// One record of a collection whose records keep one field per register (hearings, hearing
/// items, the work log) as read from the replica: its fields' current values (a field with
/// conflicting versions shows them all, joined, until resolved).
struct ReplicaRecord {
    let id: String
    let scope: Scope
    /// Field -> current value (for conflicts: the version `SurveyRecords.shown` picks; see
    /// `conflicted`).
    private(set) var fields: [String: JSONValue]
    /// Fields with more than one current version.
    private(set) var conflicted: Set<String>

    init(collection: String, id: String, store: ReplicaStore) throws {
        guard let record = try Self.all(in: collection, store: store, recordPrefix: id).first(where: { $0.id == id })
        else {
            throw CommandFailure(
                localized("replica.record.missing", ["kind": Self.noun(collection), "id": Printable.quoted(id)]),
                status: .dataError)
        }
        self = record
    }

    /// `hearing`, `hearing item`, `inquiry`, … (`ヒアリング`, `問合せ`, …): a record of
    /// `collection` in a message.
    static func noun(_ collection: String) -> String {
        switch collection {
        case CollectionName.hearings: return localized("replica.noun.hearing")
        case CollectionName.hearingItems: return localized("replica.noun.hearing.item")
        default:
            switch WorkLogKind(collection: collection) {
            case .inquiry?: return localized("replica.noun.inquiry")
            case .consultation?: return localized("replica.noun.consultation")
            case .meeting?: return localized("replica.noun.meeting")
            case nil: return localized("replica.noun.record", ["collection": collection])
            }
        }
    }

    private init(id: String, scope: Scope, fields: [String: JSONValue], conflicted: Set<String>) {
        self.id = id
        self.scope = scope
        self.fields = fields
        self.conflicted = conflicted
    }

    /// Every record of `collection` (optionally only ids starting with `recordPrefix`), in id
    /// order, which is creation order for time-ordered ids.
    static func all(in collection: String, store: ReplicaStore, recordPrefix: String = "") throws -> [ReplicaRecord] {
        var records: [ReplicaRecord] = []
        // Registers come in key order, so the fields of one record are adjacent.
        for (key, scope, register) in try store.registers(in: collection, recordPrefix: recordPrefix) {
            if records.last?.id != key.record {
                records.append(ReplicaRecord(id: key.record, scope: scope, fields: [:], conflicted: []))
            }
            if let shown = SurveyRecords.shown(register) { records[records.count - 1].fields[key.field] = shown.value }
            if register.isConflicted { records[records.count - 1].conflicted.insert(key.field) }
        }
        // A record whose every field was deleted is gone.
        return records.filter { !$0.fields.values.allSatisfy { $0 == .null } }
    }

    /// A field as text ("" when absent; control characters escaped, `Printable.display`),
    /// marked when it has a conflict.
    func text(_ field: String) -> String {
        let value: String
        switch fields[field] {
        case .string(let text)?: value = text
        case .bool(let flag)?: value = flag ? "true" : "false"
        case nil, .null?: value = ""
        case let other?: value = other.canonicalText
        }
        // Written by others (a municipality's staff, the advisor): shown without the control
        // characters that would drive a terminal.
        let shown = Printable.display(value)
        return conflicted.contains(field) ? localized("replica.record.conflict", ["value": shown]) : shown
    }

    /// The Japanese name of an item's category in `categories` (its code when not listed).
    func categoryLabel(in categories: HearingCategories) -> String {
        let code = text("category")
        guard !code.isEmpty else { return "" }
        return "【\(categories.category(code: code)?.label ?? code)】"
    }

    var json: JSONValue {
        var members = fields
        members["id"] = .string(id)
        members["scope"] = .string(scope.description)
        if !conflicted.isEmpty { members["conflicts"] = .array(conflicted.sorted().map(JSONValue.string)) }
        return .object(members)
    }

    /// What a command that writes fields of a record prints with `--json` (`hearing new`,
    /// `log inquiry edit`, …): `{"id":…,"collection":…,"scope":…,"fields":{field: value written}}`
    /// (`null`: the field was removed).
    static func written(_ values: [String: JSONValue], id: String, collection: String, scope: Scope) -> JSONValue {
        [
            "id": .string(id), "collection": .string(collection), "scope": .string(scope.description),
            "fields": .object(values),
        ]
    }
}
