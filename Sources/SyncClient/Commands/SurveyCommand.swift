import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

/// `renkei survey …`: publish a survey schema, list surveys, show and answer one offline.
struct SurveyCommand: ReplicaVerbs {
    let home: ReplicaHome

    // MARK: - publish

    func publish(_ arguments: inout ArgumentList) throws {
        let status = try arguments.option(ClientOptions.status) ?? "open"
        let json = arguments.flag(ClientOptions.json)
        guard ["draft", "open", "closed"].contains(status) else {
            throw UsageError(localized("survey.publish.status"))
        }
        let file = try arguments.positional("<file.json>")
        try arguments.finish()
        guard let bytes = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(localized("survey.cannot.read", ["file": file]), status: .noInput)
        }
        let survey: Questionnaire
        let document: JSONValue
        do {
            document = try JSONValue(parsing: Array(bytes)).nfcNormalized
            survey = try Questionnaire(json: document)
        } catch {
            throw CommandFailure(
                localized("survey.publish.invalid", ["file": file, "error": "\(error)"]), status: .dataError)
        }
        let store = try home.open()
        guard try store.setting(.scope) == "shared" else {
            throw CommandFailure(localized("survey.publish.not.advisor"), status: .noPermission)
        }
        let user = try store.setting(.user) ?? "advisor"
        func key(_ field: String) throws -> RecordKey { try SurveyRecords.surveyKey(survey.surveyID, field: field) }
        try store.permittedWriteAll(
            [
                (try key("title"), .shared, .string(survey.title)),
                (try key("fiscal_year"), .shared, survey.fiscalYear.map { .integer(Int64($0)) } ?? .null),
                (try key("status"), .shared, .string(status)),
                (try key("items"), .shared, document),
            ], user: user)
        if json {
            let result: JSONValue = [
                "survey": .string(survey.surveyID), "title": .string(survey.title),
                "fiscal_year": survey.fiscalYear.map { .integer(Int64($0)) } ?? .null, "status": .string(status),
                "items": .integer(Int64(survey.items.count)),
            ]
            print(result.canonicalText)
            return
        }
        let published: [String: Any] = ["survey": survey.surveyID, "count": survey.items.count, "status": status]
        print(localized("survey.published", published))
    }

    // MARK: - list

    func list(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        try arguments.finish()
        let store = try home.open()
        var surveys: [String: [String: JSONValue]] = [:]
        for (key, _, register) in try store.registers(in: SurveyRecords.surveys) where key.field != "items" {
            surveys[key.record, default: [:]][key.field] = SurveyRecords.shown(register)?.value ?? .null
        }
        if json {
            let entries: [JSONValue] = surveys.keys.sorted().map { id in
                .object(["survey": .string(id)].merging(surveys[id]!) { first, _ in first })
            }
            print(JSONValue.array(entries).canonicalText)
            return
        }
        if surveys.isEmpty { print(localized("survey.list.none")) }
        for id in surveys.keys.sorted() {
            let fields = surveys[id]!
            let year =
                fields["fiscal_year"].flatMap { value -> String? in
                    if case .integer(let year) = value { return FiscalYear.label(Int(year)) }
                    return nil
                } ?? ""
            print("\(id)  \(Self.text(fields["title"]))  \(year)  [\(Self.text(fields["status"]))]")
        }
    }

    // MARK: - show

    func show(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let surveyID = try arguments.positional("<survey>")
        let only = arguments.optionalPositional()
        try arguments.finish()
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let answers = try store.surveyAnswers(survey, municipality: try municipality(of: store, onBehalf: onBehalf))
        var items = survey.items
        if let only {
            guard let item = items.first(where: { $0.id == only }) else {
                throw CommandFailure(
                    localized("survey.no.item", ["survey": surveyID, "item": Printable.quoted(only)]),
                    status: .dataError)
            }
            items = [item]
        }
        let localUser = try store.setting(.user)
        var rows: [JSONValue] = []
        for item in items {
            var value = answers.values[item.id] ?? .null
            if case .table = item.kind, let table = answers.tables[item.id], !table.isEmpty {
                // A table's answer: its rows, each an object of column values.
                value = .object(table.mapValues { JSONValue.object($0) })
            }
            let conflicted =
                answers.conflicted.contains(item.id) || answers.conflicted.contains { $0.hasPrefix("\(item.id).") }
            let missing = item.required && value == .null
            // Who wrote the answer: the municipality sees an answer the advisor entered for it.
            let enteredBy = answers.registers[item.id].flatMap(SurveyRecords.shown)?.user
            rows.append([
                "item": .string(item.id), "label": .string(item.label), "type": .string(item.kind.typeName),
                "answer": value, "required": .bool(item.required), "missing": .bool(missing),
                "conflict": .bool(conflicted),
                "details": .array(ItemDescription.lines(for: item).map(JSONValue.string)),
                "entered_by": enteredBy.map(JSONValue.string) ?? .null,
            ])
            if !json {
                let shown: String
                if conflicted {
                    shown = localized("survey.show.conflict")
                } else if case .object(let tableRows) = value, case .table = item.kind {
                    shown = tableRows.keys.sorted().map { row in
                        "[\(row)] "
                            + (tableRows[row].map { cells -> String in
                                guard case .object(let columns) = cells else { return "" }
                                return columns.keys.sorted().map { "\($0)=\(Self.text(columns[$0]))" }.joined(
                                    separator: ", ")
                            } ?? "")
                    }.joined(separator: "\n      ")
                } else {
                    shown = value == .null ? "—" : Self.display(value, for: item)
                }
                let by = enteredBy.flatMap { $0 == localUser ? nil : "（入力: \($0)）" } ?? ""
                print("\(item.id)\(missing ? " *" : "  ") \(item.label)\n      \(shown)\(by)")
                for line in ItemDescription.lines(for: item) { print("      · \(line)") }
            }
        }
        if json { print(JSONValue.array(rows).canonicalText) } else { print("\n" + localized("survey.show.legend")) }
    }

    // MARK: - check

    func check(_ arguments: inout ArgumentList) throws {
        let (surveyID, survey, answers, json) = try ownAnswers(&arguments)
        let report = answers.check(against: survey)
        let status = try home.open().submissionStatus(surveyID, municipality: answers.municipality)
        let percent = Int((report.completion * 100).rounded(.down))
        if json {
            let findings: [JSONValue] = report.findings.map {
                [
                    "severity": .string($0.severity), "path": .string($0.path), "ja": .string($0.japanese),
                    "en": .string($0.english),
                ]
            }
            let result: JSONValue = [
                "survey": .string(surveyID), "required": .integer(Int64(report.requiredCount)),
                "answered": .integer(Int64(report.answeredCount)), "completion_percent": .integer(Int64(percent)),
                "errors": .integer(Int64(report.errorCount)), "findings": .array(findings),
                "submission": Self.stateJSON(surveyID, answers.municipality, status),
            ]
            print(result.canonicalText)
            return
        }
        let counts: [String: Any] = [
            "survey": surveyID, "answered": report.answeredCount, "required": report.requiredCount,
            "percent": percent, "errors": report.errorCount,
        ]
        print(localized("survey.check.result", counts))
        print(Self.stateLine(status))
        for finding in report.findings {
            print("  [\(finding.severity)] \(finding.japanese)\n           \(finding.english)")
        }
    }

    // MARK: - remove-row

    /// Deletes a table row: every column of the row is written as null (a delete, which an
    /// edit made elsewhere at the same time turns into a visible conflict, never a silent loss).
    func removeRow(_ arguments: inout ArgumentList) throws {
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let json = arguments.flag(ClientOptions.json)
        let surveyID = try arguments.positional("<survey>")
        let itemID = try arguments.positional("<table-item>")
        let row = try arguments.positional("<row-id>")
        try arguments.finish()
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let code = try municipality(of: store, onBehalf: onBehalf)
        guard let item = survey.item(itemID), case .table(let columns, _) = item.kind else {
            throw CommandFailure(
                localized("survey.not.table", ["item": itemID, "survey": surveyID]), status: .dataError)
        }
        let record = AnswerRecord(survey: surveyID, municipality: code, item: itemID, row: row)
        let existing = try store.registers(in: SurveyRecords.answers, recordPrefix: record.record).filter {
            $0.key.record == record.record
        }
        guard !existing.isEmpty else {
            throw CommandFailure(
                localized("survey.no.row", ["item": itemID, "row": Printable.quoted(row)]), status: .dataError)
        }
        let scope = Scope.municipality(try MunicipalityCode(validating: code))
        let writes = try columns.map { column in
            (key: try SurveyRecords.answerKey(record, field: column.id), scope: scope, value: JSONValue.null)
        }
        try store.permittedWriteAll(writes, user: try store.setting(.user) ?? "")
        if json {
            let result: JSONValue = [
                "survey": .string(surveyID), "municipality": .string(code), "item": .string(itemID),
                "row": .string(row), "columns": .array(columns.map { .string($0.id) }),
            ]
            print(result.canonicalText)
            return
        }
        print(localized("survey.row.removed", ["row": row, "item": itemID]))
    }

    // MARK: - answer

    func answer(_ arguments: inout ArgumentList) throws {
        let row = try arguments.option(ClientOptions.row)
        let columnID = try arguments.option(ClientOptions.column)
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let json = arguments.flag(ClientOptions.json)
        let surveyID = try arguments.positional("<survey>")
        let itemID = try arguments.positional("<item>")
        let input = try arguments.positional("<value>")
        try arguments.finish()
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let code = try municipality(of: store, onBehalf: onBehalf)
        let address: AnswerAddress
        do {
            address = try AnswerAddress(survey: survey, municipality: code, item: itemID, row: row, column: columnID)
        } catch {
            throw CommandFailure(error.message, status: .dataError)
        }
        let target = address.target
        let value = AnswerInput.value(input, for: target)
        let codes = SurveyRecords.codelists(for: survey)
        if let problem = target.check(value, path: address.path, externalCodes: codes) {
            throw CommandFailure(
                "\(problem.japanese)\n\(problem.english)\n" + localized("survey.nothing.written"), status: .dataError)
        }
        let user = try store.setting(.user) ?? ""
        let scope = Scope.municipality(try MunicipalityCode(validating: code))
        var writes = [(key: address.key, scope: scope, value: value)]
        if let confirmation = try store.surveyAnswers(survey, municipality: code).carryOverConfirmation(
            survey: surveyID, item: itemID, row: row)
        {
            writes.append((confirmation, scope, .null))
        }
        try store.permittedWriteAll(writes, user: user)
        if json {
            let result: JSONValue = [
                "survey": .string(surveyID), "municipality": .string(code), "item": .string(itemID),
                "row": Self.given(row), "column": Self.given(columnID),
                "value": value, "record": .string(address.key.record), "field": .string(address.key.field),
                "confirmed_carry_over": .bool(writes.count > 1),
            ]
            print(result.canonicalText)
            return
        }
        let shown = value == .null ? localized("survey.answer.cleared") : value.canonicalText
        print("\(itemID)\(row.map { " [\($0)] \(target.id)" } ?? "") = \(shown)")
    }

    // MARK: - helpers

    /// `<survey> [--on-behalf CODE]` (then the end of the arguments: read other options first):
    /// the replica, the survey as named and as stored, and whose answers the command works on.
    func surveyTarget(_ arguments: inout ArgumentList) throws -> (
        store: ReplicaStore, id: String, survey: Questionnaire, municipality: String
    ) {
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let surveyID = try arguments.positional("<survey>")
        try arguments.finish()
        let store = try home.open()
        let survey = try store.survey(surveyID)
        return (store, surveyID, survey, try municipality(of: store, onBehalf: onBehalf))
    }

    /// `<survey> [--on-behalf CODE] [--json]`: the survey and the municipality's answers.
    private func ownAnswers(_ arguments: inout ArgumentList) throws
        -> (id: String, survey: Questionnaire, answers: SurveyAnswers, json: Bool)
    {
        let json = arguments.flag(ClientOptions.json)
        let target = try surveyTarget(&arguments)
        return (
            target.id, target.survey, try target.store.surveyAnswers(target.survey, municipality: target.municipality),
            json
        )
    }

    /// `状態: 提出済（2026-06-01 10:00 tanaka）`, and a return's comment.
    static func stateLine(_ status: SubmissionStatus) -> String {
        var line = "状態: \(status.japaneseLabel)"
        if let at = status.at { line += "（\(JapanTime.marked(at))\(status.user.map { " " + $0 } ?? "")）" }
        switch status.state {
        case nil: line += " — エラーがなくなったら renkei survey submit で提出します"
        case .submitted?: line += " — 回答は差戻しまで変更できません"
        case .returned?: line += "\n  差戻し理由: \(status.comment ?? "")\n  直してから renkei survey submit で再提出してください"
        }
        return line
    }

    /// The municipality whose answers a command works on: this replica's, or with `--on-behalf
    /// CODE` (the advisor's replica only) a municipality an admin allowed this advisor to enter for.
    func municipality(of store: ReplicaStore, onBehalf: String? = nil) throws -> String {
        let scope = try store.setting(.scope) ?? "shared"
        guard let onBehalf else {
            guard scope != "shared" else {
                throw CommandFailure(localized("survey.scope.shared"), status: .noPermission)
            }
            return scope
        }
        let code = try Self.municipalityCode(onBehalf)
        guard scope == "shared" else {
            throw CommandFailure(localized("survey.on.behalf.not.advisor", ["scope": scope]), status: .noPermission)
        }
        guard try store.localGrant().mayEnterAnswers(for: code) else {
            let values: [String: Any] = [
                "name": SurveyRecords.name(of: code.rawValue), "code": code.rawValue,
                "user": try store.setting(.user) ?? "USER",
            ]
            throw CommandFailure(localized("survey.on.behalf.not.allowed", values), status: .noPermission)
        }
        return code.rawValue
    }

    /// An answer as people read it: はい/いいえ, choice labels with their codes, numbers with units.
    static func display(_ value: JSONValue, for item: QuestionnaireItem) -> String {
        func label(_ code: String, _ choices: [QuestionnaireItem.Choice]) -> String {
            choices.first { $0.code == code }.map { "\($0.label) (\(code))" } ?? code
        }
        switch (item.kind, value) {
        case (.boolean, .bool(let flag)): return flag ? "はい" : "いいえ"
        case (.boolean(let choices?), .string(let code)): return label(code, choices)
        case (.singleChoice(let choices), .string(let code)): return label(code, choices)
        case (.multiChoice(let choices, _), .array(let codes)):
            return codes.map { code in
                if case .string(let text) = code { return label(text, choices) }
                return code.canonicalText
            }.joined(separator: "、")
        case (.integer, .integer(let number)), (.money, .integer(let number)):
            return "\(number)\(item.unit.map { " " + $0 } ?? "")"
        case (_, .string(let text)): return text
        default: return value.canonicalText
        }
    }

    /// An optional argument for --json: null when not given or empty.
    static func given(_ text: String?) -> JSONValue {
        guard let text, !text.isEmpty else { return .null }
        return .string(text)
    }

    static func text(_ value: JSONValue?) -> String {
        if case .string(let text)? = value { return text }
        return value?.canonicalText ?? ""
    }
}
