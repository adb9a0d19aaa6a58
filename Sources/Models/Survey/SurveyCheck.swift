import Localization

/// Checks one municipality's answers to a survey as a whole: required and conditionally
/// required items, types and ranges, and cross-item rules. Pure: answers in, report out.
///
/// ```swift
/// let report = SurveyCheck.run(survey, answers: answers, tables: rows)
/// print(report.completion)      // 0.0 ... 1.0
/// ```
public enum SurveyCheck {
    /// One finding.
    public struct Finding: Sendable, Equatable {
        public init(severity: String, path: String, japanese: String, english: String) {
            self.severity = severity
            self.path = path
            self.japanese = japanese
            self.english = english
        }

        /// The finding that `text` gives in each language, a message of the catalog:
        /// `Finding(severity: "error", path: path) { localized("survey.check.missing", ["path": path], in: $0) }`.
        public init(severity: String, path: String, _ text: (Language) -> String) {
            self.init(severity: severity, path: path, japanese: text(.japanese), english: text(.english))
        }

        /// `error` (must be fixed), `warning` or `info` (from cross-item rules).
        public let severity: String
        public let path: String
        public let japanese: String
        public let english: String
    }

    public struct Report: Sendable, Equatable {
        /// Required (and visible) items.
        public let requiredCount: Int
        /// Of those, how many are answered.
        public let answeredCount: Int
        public let findings: [Finding]

        /// Share of required items answered, 0...1 (1 when nothing is required).
        public var completion: Double { requiredCount == 0 ? 1 : Double(answeredCount) / Double(requiredCount) }
        public var errorCount: Int { findings.filter { $0.severity == "error" }.count }

        /// This report with `more` findings after its own.
        public func adding(_ more: [Finding]) -> Report {
            Report(requiredCount: requiredCount, answeredCount: answeredCount, findings: findings + more)
        }
    }

    /// The sum and count of the numbers in one column over a table's rows, by `item.column`.
    typealias ColumnSums = [String: (sum: Double, count: Int)]

    /// The sum of the terms' numeric answers (a column summed over every row), nil when none is
    /// answered. Each column's sum is worked out once for all the rules of one check
    /// (`columns`): a survey whose rules name one column many times read its rows once per
    /// name, inside the transaction of every submission (an outside review: 9.4 s for one).
    static func sum(
        _ terms: [CrossItemRule.Term], answers: [String: JSONValue], tables: [String: [String: [String: JSONValue]]],
        columns: inout ColumnSums
    ) -> Double? {
        var total = 0.0
        var count = 0
        for term in terms {
            if let column = term.column {
                let key = "\(term.item).\(column)"
                let part =
                    columns[key]
                    ?? (tables[term.item] ?? [:]).values.reduce(into: (sum: 0.0, count: 0)) { part, row in
                        if let value = row[column]?.finiteNumber { part = (part.sum + value, part.count + 1) }
                    }
                columns[key] = part
                total += part.sum
                count += part.count
            } else if let value = answers[term.item]?.finiteNumber {
                total += value
                count += 1
            }
        }
        return count == 0 ? nil : total
    }

    /// How far a sum may be from its total: nothing when both are whole numbers Double holds
    /// exactly (counts, yen: 1,000,000,000,000 + 999 is not 1,000,000,000,000), else a relative
    /// 1e-9 (decimals such as 0.1 + 0.2).
    static func sumTolerance(_ sum: Double, _ expected: Double) -> Double {
        let exact = 9_007_199_254_740_992.0  // 2^53
        if sum == sum.rounded(), expected == expected.rounded(), abs(sum) < exact, abs(expected) < exact { return 0 }
        return 1e-9 * max(1, abs(expected))
    }

    /// Whether `item` is asked of a municipality with these answers: its `visible_if` holds (an
    /// item without one always is). A hidden item's answer is left out of every report and
    /// `run` flags it (the one rule for both).
    public static func isVisible(
        _ item: QuestionnaireItem, answers: [String: JSONValue], tables: [String: [String: [String: JSONValue]]]
    ) -> Bool {
        item.visibleIf.map { $0.holds(for: answer($0.subject, answers: answers, tables: tables)) } ?? true
    }

    /// The answer a condition tests: the item's value, or for a table its number of rows; nil
    /// when unanswered.
    static func answer(_ id: String, answers: [String: JSONValue], tables: [String: [String: [String: JSONValue]]])
        -> JSONValue?
    {
        if let value = answers[id], value != .null { return value }
        if let rows = tables[id], !rows.isEmpty { return .integer(Int64(rows.count)) }
        return nil
    }

    /// - Parameters:
    ///   - answers: item id -> current value, for items that are not tables.
    ///   - tables: table item id -> row id -> column id -> value.
    ///   - conflicted: item ids (or `item.row`) whose answer has concurrent versions.
    ///   - work: what the text patterns may cost, for the server (nil: no limit, as on a
    ///     replica); once it is spent, the values left are not matched (`PatternWork.isExhausted`
    ///     tells the caller, who must not take the report as complete).
    public static func run(
        _ survey: Questionnaire, answers: [String: JSONValue], tables: [String: [String: [String: JSONValue]]],
        conflicted: Set<String> = [], externalCodes: [String: Set<String>] = [:], work: PatternWork? = nil
    ) -> Report {
        var findings: [Finding] = []
        var required = 0
        var answered = 0
        func answer(_ id: String) -> JSONValue? { Self.answer(id, answers: answers, tables: tables) }
        for item in survey.items {
            guard isVisible(item, answers: answers, tables: tables) else {
                // An answer given before a later change hid the item: kept, but counted nowhere.
                if answer(item.id) != nil {
                    findings.append(
                        Finding(severity: "warning", path: item.id) {
                            localized("survey.check.hidden.answered", ["path": item.id], in: $0)
                        })
                }
                continue
            }
            let isRequired = item.required || (item.requiredIf.map { $0.holds(for: answer($0.subject)) } ?? false)
            let present = answer(item.id) != nil
            if isRequired {
                required += 1
                if present { answered += 1 }
            }
            if conflicted.contains(item.id) {
                findings.append(
                    Finding(severity: "error", path: item.id) {
                        localized("survey.check.conflict", ["path": item.id], in: $0)
                    })
            }
            if isRequired && !present {
                findings.append(
                    Finding(severity: "error", path: item.id) {
                        localized("survey.check.missing", ["path": item.id], in: $0)
                    })
            }
            if case .table(let columns, _) = item.kind {
                // A required matrix is answered row by row: every fixed row must be there (a
                // table with no row at all is reported once, above).
                if isRequired, present, let rows = item.fixedRows {
                    for row in rows
                    where (tables[item.id]?[row.code]).map({ $0.values.allSatisfy { $0 == .null } }) ?? true {
                        let path = "\(item.id).\(row.code)"
                        findings.append(
                            Finding(severity: "error", path: path) {
                                localized("survey.check.missing.row", ["path": path, "label": row.label], in: $0)
                            })
                    }
                }
                var seenKeys: [[JSONValue]: String] = [:]
                for (rowID, cells) in (tables[item.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    for rule in item.rowRules where rule.isBroken(by: cells) {
                        let broken = rule.values(at: "\(item.id).\(rowID)")
                        findings.append(
                            Finding(
                                severity: "error", path: "\(item.id).\(rowID)",
                                japanese: "\(item.id).\(rowID): \(rule.message)",
                                english: localized("survey.check.row.rule", broken, in: .english)))
                    }
                    for (setIndex, (columns, message)) in item.uniqueColumnSets.enumerated() {
                        let key = [JSONValue.integer(Int64(setIndex))] + columns.map { cells[$0] ?? .null }
                        if let first = seenKeys[key] {
                            let repeated: [String: Any] = [
                                "path": "\(item.id).\(rowID)", "columns": columns.joined(separator: ", "), "row": first,
                            ]
                            findings.append(
                                Finding(
                                    severity: "error", path: "\(item.id).\(rowID)",
                                    japanese: "\(item.id).\(rowID): \(message)",
                                    english: localized("survey.check.unique.row", repeated, in: .english)))
                        } else {
                            seenKeys[key] = rowID
                        }
                    }
                    for column in columns {
                        let path = "\(item.id).\(rowID).\(column.id)"
                        let cell = cells[column.id].flatMap { $0 == .null ? nil : $0 }
                        let columnRequired =
                            column.required || (column.requiredIf.map { $0.holds(for: cells[$0.subject]) } ?? false)
                        if columnRequired && cell == nil {
                            findings.append(
                                Finding(severity: "error", path: path) {
                                    localized("survey.check.missing", ["path": path], in: $0)
                                }
                            )
                        }
                        if let cell,
                            let problem = column.check(cell, path: path, externalCodes: externalCodes, work: work)
                        {
                            findings.append(
                                Finding(
                                    severity: "error", path: path, japanese: problem.japanese, english: problem.english)
                            )
                        }
                    }
                }
            } else if let value = answers[item.id],
                let problem = item.check(value, externalCodes: externalCodes, work: work)
            {
                findings.append(
                    Finding(severity: "error", path: item.id, japanese: problem.japanese, english: problem.english))
            }
        }
        var columnSums = ColumnSums()
        for rule in survey.crossItemRules {
            if case .tableRowDateWindow(let table, let column) = rule.kind {
                // Rows dated before the survey's reference date (基準日).
                guard let reference = survey.referenceDate else { continue }
                for (rowID, cells) in (tables[table] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    if case .string(let date)? = cells[column], date < reference {
                        let early = ["path": "\(table).\(rowID)", "column": column, "date": reference]
                        findings.append(
                            Finding(
                                severity: rule.severity, path: "\(table).\(rowID)",
                                japanese: "\(table).\(rowID): \(rule.message)",
                                english: localized("survey.check.before.reference", early, in: .english)))
                    }
                }
            } else if case .sum(let parts, let total) = rule.kind {
                if let sum = Self.sum(parts, answers: answers, tables: tables, columns: &columnSums),
                    let expected = answers[total]?.finiteNumber, abs(sum - expected) > Self.sumTolerance(sum, expected)
                {
                    let mismatch = [
                        "rule": rule.id, "parts": parts.map(\.description).joined(separator: " + "),
                        "sum": JSONValue.plainText(sum), "total": total, "expected": JSONValue.plainText(expected),
                    ]
                    findings.append(
                        Finding(
                            severity: rule.severity, path: rule.id, japanese: "\(rule.id): \(rule.message)",
                            english: localized("survey.check.sum", mismatch, in: .english)))
                }
            } else if rule.applies(answers) {
                findings.append(
                    Finding(
                        severity: rule.severity, path: rule.id, japanese: "\(rule.id): \(rule.message)",
                        english: localized("survey.check.cross.rule", ["rule": rule.id], in: .english)))
            }
        }
        return Report(requiredCount: required, answeredCount: answered, findings: findings)
    }
}

extension TableRowRule {
    /// The placeholders of the finding of a row at `path` that breaks the rule.
    func values(at path: String) -> [String: Any] { ["path": path, "left": left, "op": op, "right": right] }
}

extension CrossItemRule {
    /// `a op b` for two integers or two strings (ISO dates compare as text); nil when the two
    /// cannot be compared.
    static func compare(_ a: JSONValue, _ op: String, _ b: JSONValue) -> Bool? {
        let order: Int
        switch (a, b) {
        case (.integer(let x), .integer(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): order = x < y ? -1 : (x == y ? 0 : 1)
        default: return nil
        }
        switch op {
        case "<": return order < 0
        case "<=": return order <= 0
        case "==": return order == 0
        case ">=": return order >= 0
        default: return order > 0
        }
    }

    /// Whether the rule is broken by `answers` (only rules whose items are answered can be).
    func applies(_ answers: [String: JSONValue]) -> Bool {
        switch kind {
        case .compare(let left, let op, let right):
            guard let a = answers[left], let b = answers[right] else { return false }
            return Self.compare(a, op, b) == false
        case .implies(let condition, let then):
            return condition.holds(for: answers[condition.subject]) && answers[then.subject] != nil
                && !then.holds(for: answers[then.subject])
        case .tableRowDateWindow, .sum:
            return false  // checked in `SurveyCheck.run`, which knows the tables
        }
    }
}
