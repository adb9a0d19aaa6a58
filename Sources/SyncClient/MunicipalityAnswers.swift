import Models
import SyncStorage

/// One municipality's answers to one survey, read from the replica: records
/// `{survey}/{code}/{item}` (field `value`) and, for tables, `{survey}/{code}/{item}/{row}`
/// (one field per column).
struct MunicipalityAnswers {
    /// Registers of items that are not tables, by item id.
    private(set) var registers: [String: Register] = [:]
    /// Current single values of items that are not tables.
    private(set) var values: [String: JSONValue] = [:]
    /// Table item -> row id -> column -> value.
    private(set) var tables: [String: [String: [String: JSONValue]]] = [:]
    /// Items (or `item.row.column`) with conflicting versions.
    private(set) var conflicted: Set<String> = []

    init(survey: Questionnaire, municipality code: String, store: ReplicaStore) throws {
        let prefix = "\(survey.surveyID)/\(code)/"
        for (key, _, register) in try store.registers(in: "answers", recordPrefix: prefix) {
            let rest = key.record.dropFirst(prefix.count).split(separator: "/", maxSplits: 1).map(String.init)
            guard let item = rest.first else { continue }
            let value: JSONValue? = register.versions.count == 1 ? register.versions[0].value : nil
            if rest.count == 2 {
                let row = rest[1]
                if register.isConflicted { conflicted.insert("\(item).\(row).\(key.field)") }
                if let value { tables[item, default: [:]][row, default: [:]][key.field] = value }
            } else if key.field == "value" {
                registers[item] = register
                if register.isConflicted { conflicted.insert(item) }
                if let value { values[item] = value }
            }
        }
        // A row whose every cell was cleared is gone.
        for (item, rows) in tables {
            tables[item] = rows.filter { !$0.value.values.allSatisfy { $0 == .null } }
        }
    }
}
