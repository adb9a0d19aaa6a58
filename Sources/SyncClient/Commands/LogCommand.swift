import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

/// `renkei log inquiry|consultation|meeting add|edit|list|show`: the advisor's work log
/// (`WorkLogKind`). Each field is its own register, so edits of different fields from two PCs
/// merge; the replica checks every value as the server does before it writes.
struct LogCommand: ReplicaVerbs {
    let home: ReplicaHome
    let store: ReplicaStore

    /// Opens the replica before the verb reads its arguments.
    init(home: ReplicaHome) throws {
        self.home = home
        store = try home.open()
    }

    /// `log KIND add`: a new record; `--date` defaults to today (Japan time).
    func add(_ kind: WorkLogKind, _ arguments: inout ArgumentList) throws {
        var values = try Self.fieldValues(kind, &arguments)
        let municipality = kind == .inquiry ? try arguments.option(LogOptions.municipality) : nil
        let json = arguments.flag(ClientOptions.json)
        try arguments.finish()
        if values["date"] == nil { values["date"] = .string(JapanTime.day(UnixTime.milliseconds())) }
        let required: [String] =
            switch kind {
            case .inquiry: ["theme", "question"]
            case .consultation: ["theme"]
            case .meeting: ["title"]
            }
        let missing = required.filter { values[$0] == nil }
        guard missing.isEmpty else {
            let separator = localized("log.add.missing.and")
            let options = missing.map { "--\(LogOptions.optionName($0))" }.joined(separator: separator)
            throw UsageError(localized("log.add.missing", ["kind": kind.localizedName, "options": options]))
        }
        let scope: Scope = try municipality.map { .municipality(try Self.municipalityCode($0)) } ?? .shared
        let id = RecordID.timeOrdered()
        try write(values, kind: kind, record: id, scope: scope)
        if json {
            print(ReplicaRecord.written(values, id: id, collection: kind.collection, scope: scope).canonicalText)
            return
        }
        print(id)
    }

    /// `log KIND edit ID --field value…`: changes the fields given (`--minutes-shared` when the
    /// minutes went out, say); an empty value removes a field.
    func edit(_ kind: WorkLogKind, _ arguments: inout ArgumentList) throws {
        let values = try Self.fieldValues(kind, &arguments, allowingEmpty: true)
        let json = arguments.flag(ClientOptions.json)
        let id = try arguments.positional("ID")
        try arguments.finish()
        guard !values.isEmpty else {
            throw UsageError(
                localized("log.edit.nothing", ["option": "--\(LogOptions.optionName(kind.fields[1].name))"]))
        }
        let record = try ReplicaRecord(collection: kind.collection, id: id, store: store)
        try write(values, kind: kind, record: id, scope: record.scope)
        if json {
            print(ReplicaRecord.written(values, id: id, collection: kind.collection, scope: record.scope).canonicalText)
            return
        }
        let fields = values.keys.sorted().joined(separator: ", ")
        print(localized("log.updated", ["fields": fields, "kind": kind.localizedName, "id": id]))
    }

    /// `log KIND list [--month YYYY-MM] [--json]`: in date order.
    func list(_ kind: WorkLogKind, _ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let month = try arguments.option(LogOptions.month)
        try arguments.finish()
        let monthPrefix = try month.map(Self.month)
        let records = try Self.records(kind, store: store).filter { record in
            monthPrefix.map { record.text("date").hasPrefix($0 + "-") } ?? true
        }
        if json {
            print(JSONValue.array(records.map(\.json)).canonicalText)
            return
        }
        if records.isEmpty {
            var names: [String: Any] = ["command": kind.rawValue, "label": kind.japaneseName]
            if let month {
                names["month"] = month
                print(localized("log.list.none.month", names))
            } else {
                print(localized("log.list.none", names))
            }
        }
        for record in records {
            let summary: [String] =
                switch kind {
                case .inquiry:
                    [
                        Self.who(record.scope),
                        WorkLogField.channelLabels[record.text("channel")] ?? record.text("channel"),
                        record.text("theme"), String(record.text("question").prefix(40)),
                    ]
                case .consultation:
                    [record.text("theme"), "\(Self.codes(record).count) 団体", "\(record.text("attendees")) 人"]
                case .meeting: [record.text("kind"), record.text("title"), Self.minutesState(record)]
                }
            print(([record.id, record.text("date")] + summary.filter { !$0.isEmpty }).joined(separator: "  "))
        }
    }

    /// `log KIND show ID [--json]`: every field with its Japanese label.
    func show(_ kind: WorkLogKind, _ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let id = try arguments.positional("ID")
        try arguments.finish()
        let record = try ReplicaRecord(collection: kind.collection, id: id, store: store)
        if json {
            print(record.json.canonicalText)
            return
        }
        print("\(kind.japaneseName) \(id)（\(Self.who(record.scope))）")
        for (name, label, field) in kind.fields {
            var text = record.text(name)
            switch field {
            case .choice: text = WorkLogField.channelLabels[text] ?? text
            case .municipalities: text = Self.codes(record).map { SurveyRecords.name(of: $0) }.joined(separator: "、")
            default: break
            }
            print("  \(label): \(text.replacingOccurrences(of: "\n", with: "\n    "))")
        }
        if kind == .meeting { print("  議事録: \(Self.minutesState(record))") }
    }

    /// The records of `kind` in date order (then creation order).
    static func records(_ kind: WorkLogKind, store: ReplicaStore) throws -> [ReplicaRecord] {
        try ReplicaRecord.all(in: kind.collection, store: store).enumerated().sorted { left, right in
            (left.element.text("date"), left.offset) < (right.element.text("date"), right.offset)
        }.map(\.element)
    }

    /// The municipalities a consultation lists.
    static func codes(_ record: ReplicaRecord) -> [String] {
        guard case .array(let codes)? = record.fields["municipalities"] else { return [] }
        return codes.compactMap { if case .string(let code) = $0 { code } else { nil } }
    }

    /// `大阪市` for a municipality's scope, `府・共通` for shared.
    static func who(_ scope: Scope) -> String { scope == .shared ? "府・共通" : SurveyRecords.name(of: scope.description) }

    /// `議事録 2026-06-12 共有（期限 2026-06-15）` or `議事録 未共有（期限 …）`.
    static func minutesState(_ record: ReplicaRecord) -> String {
        guard let day = CivilDay(iso: record.text("date")) else { return "" }
        let due = BusinessCalendar.adding(openDays: WorkLogKind.minutesDueOpenDays, to: day)
        let shared = record.text("minutes_shared")
        return shared.isEmpty ? "議事録 未共有（期限 \(due)）" : "議事録 \(shared) 共有（期限 \(due)）"
    }

    /// The values of the field options given (`--date`, `--theme`, …), parsed as each field
    /// holds them; with `allowingEmpty`, an empty value is `null` (the field removed).
    static func fieldValues(_ kind: WorkLogKind, _ arguments: inout ArgumentList, allowingEmpty: Bool = false) throws
        -> [String: JSONValue]
    {
        var values: [String: JSONValue] = [:]
        for (name, label, field) in kind.fields {
            guard let text = try arguments.option(LogOptions.option(for: name)) else { continue }
            let option = "--\(LogOptions.optionName(name))"
            if text.isEmpty {
                guard allowingEmpty else {
                    throw UsageError(localized("log.value.empty", ["option": option, "label": label]))
                }
                values[name] = .null
                continue
            }
            switch field {
            case .day:
                guard case .date(let day) = DateInput.read(text) else {
                    throw UsageError(localized("log.value.day", ["option": option]))
                }
                values[name] = .string(day)
            case .text: values[name] = .string(text.precomposedStringWithCanonicalMapping)
            case .choice(let codes):
                let code = WorkLogField.channelLabels.first { $0.value == text }?.key ?? text
                guard codes.contains(code) else {
                    let choices = codes.map { "\($0) (\(WorkLogField.channelLabels[$0] ?? $0))" }
                    throw UsageError(
                        localized("log.value.choice", ["option": option, "choices": choices.joined(separator: ", ")]))
                }
                values[name] = .string(code)
            case .count(let range):
                guard let number = Int64(text), range.contains(number) else {
                    let bounds: [String: Any] = ["option": option, "min": range.lowerBound, "max": range.upperBound]
                    throw UsageError(localized("log.value.count", bounds))
                }
                values[name] = .integer(number)
            case .municipalities:
                let parts = text.split { $0 == "," || $0 == "、" }.map { $0.trimmingCharacters(in: .whitespaces) }
                values[name] = .array(try parts.map { .string(try municipalityCode($0).rawValue) })
            }
        }
        return values
    }

    /// `YYYY-MM` of a month as typed (`2026-06`, `令和8年6月`).
    static func month(_ text: String) throws -> String {
        guard case .date(let month) = DateInput.readMonth(text) else {
            throw UsageError(localized("log.month.invalid"))
        }
        return month
    }

    /// A municipality by its code (`271004`) or its name (`大阪市`).
    static func municipalityCode(_ text: String) throws -> MunicipalityCode {
        let code = OsakaMunicipalities.all.first { $0.name == text }?.code ?? text
        guard let valid = try? MunicipalityCode(validating: code) else {
            throw UsageError(localized("log.municipality.invalid", ["text": Printable.quoted(text)]))
        }
        return valid
    }

    private func write(_ values: [String: JSONValue], kind: WorkLogKind, record: String, scope: Scope) throws {
        let writes = try values.keys.sorted().map { field in
            (
                key: try RecordKey(validating: kind.collection, record: record, field: field), scope: scope,
                value: values[field] ?? .null
            )
        }
        try store.permittedWriteAll(writes, user: try store.setting(.user) ?? "unknown")
    }
}
