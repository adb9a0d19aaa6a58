import Localization
import Models
import Reports

/// One item of a section's form as HTML: its question, an input that fits its type (a list
/// for a choice, boxes for several, a number with its unit, a date that accepts 和暦, a table
/// whose rows can be added and removed), its hint, and the reason a posted value was refused.
struct SurveyFormView {
    let item: QuestionnaireItem
    let fields: SurveyFormFields
    /// Reasons by place (`B07`, `D01.r1.vendor_name`).
    let problems: [String: String]

    var html: String {
        let invalid = problems.keys.contains { $0 == item.id || $0.hasPrefix(item.id + ".") }
        var html = "<div class=\"item\(invalid ? " invalid" : "")\" id=\"item-\(e(item.id))\">"
        let required = item.required ? "<span class=\"required\">\(e(localized("ui.form.required")))</span>" : ""
        if case .table = item.kind {
            html += "<p class=\"q\"><b><span class=\"id\">\(e(item.id))</span>\(e(item.label))</b>\(required)</p>"
        } else {
            html += "<label class=\"q\" for=\"f-\(e(item.id))\"><span class=\"id\">\(e(item.id))</span>"
            html += "\(e(item.label))\(required)</label>"
        }
        html += input
        let notes = ItemDescription.lines(for: item)
        if let hint = item.hint { html += "<p class=\"hint\">\(e(hint))</p>" }
        if !notes.isEmpty { html += "<p class=\"hint\">\(notes.map(e).joined(separator: "<br>"))</p>" }
        if let reason = problems[item.id] {
            html += "<p class=\"reason\" id=\"reason-\(e(item.id))\" role=\"alert\">\(e(reason))</p>"
        }
        return html + "</div>"
    }

    private var input: String {
        let name = SurveyFormFields.item(item.id)
        let text = fields.texts[name] ?? ""
        switch item.kind {
        case .table(let columns, _):
            return table(columns)
        default:
            return Self.control(item, name: name, id: "f-\(item.id)", text: text, invalid: problems[item.id] != nil)
        }
    }

    /// The input for `item` (or a table's column) called `name`, showing `text`.
    static func control(_ item: QuestionnaireItem, name: String, id: String, text: String, invalid: Bool) -> String {
        let attributes = "name=\"\(e(name))\" id=\"\(e(id))\"\(invalid ? " aria-invalid=\"true\"" : "")"
        switch item.kind {
        case .textarea(let maxLength):
            return "<textarea \(attributes)\(maxLength.map { " maxlength=\"\($0)\"" } ?? "")>\(e(text))</textarea>"
        case .text(let maxLength, _):
            return "<input type=\"text\" \(attributes) value=\"\(e(text))\""
                + "\(maxLength.map { " maxlength=\"\($0)\"" } ?? "")>"
        case .integer, .money, .decimal, .percent:
            let unit = Self.unit(of: item)
            return "<input type=\"text\" inputmode=\"decimal\" \(attributes) value=\"\(e(text))\">"
                + (unit.isEmpty ? "" : "<span class=\"unit\">\(e(unit))</span>")
        case .date:
            return "<input type=\"text\" \(attributes) value=\"\(e(text))\" placeholder=\"2025-04-01 / 令和7年4月1日\">"
        case .yearMonth:
            return "<input type=\"text\" \(attributes) value=\"\(e(text))\" placeholder=\"2025-04 / 令和7年4月\">"
        case .boolean(let choices):
            let options =
                choices?.map { ($0.code, $0.label) } ?? [
                    ("yes", localized("ui.form.yes")), ("no", localized("ui.form.no")),
                ]
            return select(attributes, options, selected: text)
        case .singleChoice(let choices):
            return select(attributes, choices.map { ($0.code, $0.label) }, selected: text)
        case .multiChoice(let choices, _):
            let chosen = Set(text.split(separator: ",").map(String.init))
            var html = "<input type=\"hidden\" name=\"\(e(SurveyFormFields.multiMarker(item.id)))\" value=\"1\">"
            html += "<fieldset id=\"\(e(id))\">"
            for (index, choice) in choices.enumerated() {
                let box = "\(id)-\(index)"
                html += "<label for=\"\(e(box))\"><input type=\"checkbox\" name=\"\(e(name))\" id=\"\(e(box))\""
                html += " value=\"\(e(choice.code))\"\(chosen.contains(choice.code) ? " checked" : "")>"
                html += " \(e(choice.label))</label><br>"
            }
            return html + "</fieldset>"
        case .table:
            return ""
        }
    }

    /// A table item: a row per answer row, cells by column, a box to remove a row (rows fixed by
    /// the survey stay), and a button that adds a row.
    private func table(_ columns: [QuestionnaireItem]) -> String {
        let rows = fields.rows[item.id] ?? []
        let fixed = item.fixedRows != nil
        var html = "<input type=\"hidden\" name=\"\(e(SurveyFormFields.rowList(item.id)))\""
        html += " value=\"\(e(SurveyFormFields.encodeRows(rows)))\"><div class=\"scroll\">"
        html += "<table class=\"answers\" id=\"table-\(e(item.id))\">"
        html += "<thead><tr><th>\(e(localized("ui.form.row")))</th>"
        for column in columns {
            let unit = Self.unit(of: column)
            html += "<th>\(e(column.label))\(unit.isEmpty ? "" : "（\(e(unit))）")</th>"
        }
        if !fixed { html += "<th>\(e(localized("ui.form.remove")))</th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            let label = item.fixedRows?.first { $0.code == row }?.label ?? row
            html += "<tr><th>\(e(label))</th>"
            for column in columns {
                let name = SurveyFormFields.cell(item.id, row, column.id)
                let place = "\(item.id).\(row).\(column.id)"
                let reason = problems[place]
                html +=
                    "<td>"
                    + Self.control(
                        column, name: name, id: "f-\(place)", text: fields.texts[name] ?? "", invalid: reason != nil)
                if let reason { html += "<p class=\"reason\" role=\"alert\">\(e(reason))</p>" }
                html += "</td>"
            }
            if !fixed {
                let removal = SurveyFormFields.removal(item.id, row)
                let checked = fields.removed.contains("\(item.id).\(row)") ? " checked" : ""
                html += "<td><input type=\"checkbox\" name=\"\(e(removal))\" value=\"1\"\(checked)"
                html += " aria-label=\"\(e(localized("ui.form.remove.row", ["row": label])))\"></td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table></div>"
        if !fixed {
            html += "<button type=\"submit\" class=\"secondary\" name=\"action\" value=\"add.\(e(item.id))\""
            html += " id=\"add-\(e(item.id))\">\(e(localized("ui.form.add.row")))</button>"
        }
        return html
    }

    private static func select(_ attributes: String, _ choices: [(code: String, label: String)], selected: String)
        -> String
    {
        var html = "<select \(attributes)><option value=\"\">\(e(localized("ui.form.unanswered")))</option>"
        let known = choices.contains { $0.code == selected }
        for choice in choices {
            html += "<option value=\"\(e(choice.code))\"\(choice.code == selected ? " selected" : "")>"
            html += "\(e(choice.label))</option>"
        }
        // A value the list does not hold (an old answer, a refused one) stays visible and selected.
        if !selected.isEmpty, !known { html += "<option value=\"\(e(selected))\" selected>\(e(selected))</option>" }
        return html + "</select>"
    }

    /// The unit shown after a number: the item's own, 円/千円 for money, % for a percentage.
    static func unit(of item: QuestionnaireItem) -> String {
        switch item.kind {
        case .money: item.moneyFactor == 1 ? "円" : "千円"
        case .percent: "%"
        case .integer, .decimal: item.unit ?? ""
        default: ""
        }
    }

    private static func e(_ text: String) -> String { UIPage.escape(text) }
    private func e(_ text: String) -> String { UIPage.escape(text) }
}
