import CommandLineSupport
import Localization
import Models
import Reports
import SyncStorage

/// `renkei survey carry-over FROM TO` and `renkei survey confirm`: last year's answers as 前年度値
/// (`CarryOver`).
extension SurveyCommand {
    // MARK: - carry-over

    /// Copies this municipality's answers of survey FROM into survey TO, for items with the same
    /// id and type that TO accepts and that are not answered in TO yet (a table: when it has no
    /// row yet, row by row, the columns with the same id and type), each marked 前年度値.
    func carryOver(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let fromID = try arguments.positional("<from-survey>")
        let toID = try arguments.positional("<to-survey>")
        try arguments.finish()
        guard fromID != toID else { throw UsageError(localized("carryover.same.survey")) }
        let store = try home.open()
        let from = try store.survey(fromID)
        let to = try store.survey(toID)
        let code = try municipality(of: store, onBehalf: onBehalf)
        let scope = Scope.municipality(try Self.municipalityCode(code))
        let old = try store.surveyAnswers(from, municipality: code)
        let new = try store.surveyAnswers(to, municipality: code)
        let schema = AnswerSchema(to)
        var writes: [(key: RecordKey, scope: Scope, value: JSONValue)] = []
        var items = 0
        var rows = 0
        var skipped: [String] = []
        func write(_ record: AnswerRecord, _ field: String, _ value: JSONValue) throws {
            writes.append((try SurveyRecords.answerKey(record, field: field), scope, value))
        }
        for item in to.items {
            guard let prior = from.item(item.id) else { continue }
            let same = prior.kind.typeName == item.kind.typeName
            if case .table(let columns, _) = item.kind {
                guard let held = old.tables[item.id], !held.isEmpty, (new.tables[item.id] ?? [:]).isEmpty else {
                    continue
                }
                guard same, case .table(let priorColumns, _) = prior.kind else {
                    skipped.append("\(item.id)（種類が違います）")
                    continue
                }
                for (row, cells) in held.sorted(by: { $0.key < $1.key }) {
                    let record = AnswerRecord(survey: toID, municipality: code, item: item.id, row: row)
                    var copied: [String: JSONValue] = [:]
                    for column in columns {
                        guard let value = cells[column.id], value != .null,
                            priorColumns.first(where: { $0.id == column.id })?.kind.typeName == column.kind.typeName,
                            schema.problem(value, at: record, field: column.id) == nil
                        else { continue }
                        copied[column.id] = value
                    }
                    guard !copied.isEmpty else { continue }
                    for (column, value) in copied { try write(record, column, value) }
                    try write(record, CarryOver.field, CarryOver(from: fromID, value: .object(copied)).json)
                    rows += 1
                }
                continue
            }
            guard let value = old.values[item.id], value != .null,
                (new.values[item.id] ?? .null) == .null, !new.conflicted.contains(item.id)
            else { continue }
            let record = AnswerRecord(survey: toID, municipality: code, item: item.id)
            guard same, schema.problem(value, at: record, field: "value") == nil else {
                skipped.append("\(item.id)（\(same ? "今年度の調査では受け付けない値です" : "種類が違います")）")
                continue
            }
            try write(record, "value", value)
            try write(record, CarryOver.field, CarryOver(from: fromID, value: value).json)
            items += 1
        }
        if !writes.isEmpty { try store.permittedWriteAll(writes, user: try store.setting(.user) ?? "") }
        if json {
            print(
                JSONValue.object([
                    "from": .string(fromID), "to": .string(toID), "municipality": .string(code),
                    "items": .integer(Int64(items)), "rows": .integer(Int64(rows)),
                    "skipped": .array(skipped.map(JSONValue.string)),
                ]).canonicalText)
            return
        }
        // The items not copied, in Japanese in both languages (their reasons are in the --json output too).
        let notCopied = skipped.isEmpty ? "" : "\n写さなかった設問: " + skipped.joined(separator: "、")
        let done: [String: Any] = ["from": fromID, "to": toID, "items": items, "rows": rows, "skipped": notCopied]
        print(localized("carryover.done", done))
    }

    // MARK: - confirm

    /// Confirms carried-over answers as they are: the named items (`B07`, a table `D01` or one of
    /// its rows `D01.r1`), or every one with `--all`.
    func confirm(_ arguments: inout ArgumentList) throws {
        let all = arguments.flag(ClientOptions.confirmAll)
        let json = arguments.flag(ClientOptions.json)
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let surveyID = try arguments.positional("<survey>")
        var named: [String] = []
        while let place = arguments.optionalPositional() { named.append(place) }
        try arguments.finish()
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let code = try municipality(of: store, onBehalf: onBehalf)
        let pending = try store.surveyAnswers(survey, municipality: code).unconfirmedCarryOvers
        guard all || !named.isEmpty else {
            let list = pending.keys.sorted().joined(separator: " ")
            let shown = list.isEmpty ? localized("carryover.confirm.none") : list
            throw UsageError(localized("carryover.confirm.name.items", ["list": shown]))
        }
        let places =
            all
            ? pending.keys.sorted()
            : pending.keys.sorted().filter { place in
                named.contains(place) || named.contains(String(place.prefix { $0 != "." }))
            }
        if !all,
            let unknown = named.first(where: { name in !places.contains { $0 == name || $0.hasPrefix(name + ".") } })
        {
            throw CommandFailure(localized("carryover.confirm.unknown", ["place": unknown]), status: .dataError)
        }
        let scope = Scope.municipality(try Self.municipalityCode(code))
        let writes = try places.map { place in
            let parts = place.split(separator: ".", maxSplits: 1).map(String.init)
            let record = AnswerRecord(
                survey: surveyID, municipality: code, item: parts[0], row: parts.count == 2 ? parts[1] : nil)
            return (
                key: try SurveyRecords.answerKey(record, field: CarryOver.field), scope: scope, value: JSONValue.null
            )
        }
        if !writes.isEmpty { try store.permittedWriteAll(writes, user: try store.setting(.user) ?? "") }
        if json {
            let result: JSONValue = [
                "survey": .string(surveyID), "municipality": .string(code),
                "confirmed": .array(places.map(JSONValue.string)), "count": .integer(Int64(writes.count)),
            ]
            print(result.canonicalText)
            return
        }
        print(localized("carryover.confirmed", ["count": writes.count]))
    }
}
