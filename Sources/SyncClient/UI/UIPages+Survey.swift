import Foundation
import HTTP1
import Localization
import Models
import Reports
import SyncStorage

/// The survey pages: a survey's sections and state, a form per section, saving and submitting.
extension UIPages {
    func surveys(method: String, _ path: [String], _ query: HTTPFormBody, _ form: HTTPFormBody) throws
        -> HTTPResponse
    {
        guard let surveyID = path.first else { return UIPage.redirect("\(root)/") }
        let store = try home.open()
        guard let survey = try? store.survey(surveyID) else { return notFound() }
        let scope = try store.setting(.scope) ?? ""
        switch (method, Array(path.dropFirst())) {
        case ("GET", []):
            return try surveyPage(survey, store: store, scope: scope, query: query)
        case (_, let rest) where rest.count == 2 && rest[0] == "sections":
            guard let number = Int(rest[1]), survey.sections.indices.contains(number - 1) else { return notFound() }
            guard scope != "shared" else { return UIPage.redirect("\(root)/surveys/\(UIPage.segment(surveyID))") }
            let section = survey.sections[number - 1]
            if method == "GET" {
                let answers = try store.surveyAnswers(survey, municipality: scope)
                let fields = SurveyFormFields(section: section, answers: answers)
                let notice = query["saved"].map {
                    UIPage.Notice(kind: .done, text: localized("ui.form.saved", ["count": $0]))
                }
                return UIPage.response(
                    .ok, try sectionPage(survey, number: number, fields: fields, problems: [:], notice: notice))
            }
            return try saveSection(survey, number: number, store: store, municipality: scope, form: form)
        case ("POST", ["submit"]):
            guard scope != "shared" else { return notFound() }
            return try submit(survey, store: store, municipality: scope)
        default:
            return notFound()
        }
    }

    /// A survey: its state, its sections with how far each is answered, what needs fixing.
    private func surveyPage(_ survey: Questionnaire, store: ReplicaStore, scope: String, query: HTTPFormBody) throws
        -> HTTPResponse
    {
        let link = "\(root)/surveys/\(UIPage.segment(survey.surveyID))"
        guard scope != "shared" else {
            let body = "<p>\(UIPage.escape(localized("ui.survey.shared")))</p>"
            return UIPage.response(.ok, try shell(survey.title, body))
        }
        let answers = try store.surveyAnswers(survey, municipality: scope)
        let report = answers.check(against: survey)
        let status = try store.submissionStatus(survey.surveyID, municipality: scope)
        var notice: UIPage.Notice?
        if query["submitted"] != nil { notice = .init(kind: .done, text: localized("ui.survey.submitted")) }
        if query["refused"] != nil {
            notice = .init(kind: .error, text: localized("ui.survey.refused", ["count": report.errorCount]))
        }
        var body = "<p id=\"state\">\(UIPage.escape(localized("ui.survey.state"))): "
        body += "<b>\(UIPage.escape(status.japaneseLabel))</b>"
        if let at = status.at { body += "（\(UIPage.escape(JapanTime.marked(at)))）" }
        if let comment = status.comment, status.state == .returned {
            body += "<br>\(UIPage.escape(localized("ui.survey.return.comment"))): \(UIPage.escape(comment))"
        }
        body += "</p><p>\(Self.bar(report.completion)) "
        body += UIPage.escape(
            localized("ui.survey.progress", ["answered": report.answeredCount, "required": report.requiredCount]))
        body += "</p><h2>\(UIPage.escape(localized("ui.survey.sections")))</h2><ol id=\"sections\">"
        for (index, section) in survey.sections.enumerated() {
            body += "<li><a href=\"\(link)/sections/\(index + 1)\">\(UIPage.escape(section.title))</a></li>"
        }
        body += "</ol>"
        let errors = report.findings.filter { $0.severity == "error" }
        let warnings = report.findings.filter { $0.severity != "error" }
        if !errors.isEmpty || !warnings.isEmpty {
            body += "<h2>\(UIPage.escape(localized("ui.survey.findings")))</h2><ul id=\"findings\">"
            for finding in errors + warnings {
                var text = Language.current == .japanese ? finding.japanese : finding.english
                if text.hasPrefix(finding.path + ": ") { text = String(text.dropFirst(finding.path.count + 2)) }
                let item = String(finding.path.prefix { $0 != "." })
                let section = survey.sections.firstIndex { $0.items.contains { $0.id == item } }
                let place = section.map { "<a href=\"\(link)/sections/\($0 + 1)#item-\(UIPage.escape(item))\">" } ?? ""
                body += "<li class=\"\(finding.severity == "error" ? "reason" : "muted")\">\(place)"
                body += "\(UIPage.escape(finding.path))\(section == nil ? "" : "</a>"): \(UIPage.escape(text))</li>"
            }
            body += "</ul>"
        }
        if !status.isSubmitted {
            body += UIPage.form(
                action: "\(link)/submit", csrf: csrf,
                "<div class=\"actions\"><button type=\"submit\" id=\"submit\">"
                    + "\(UIPage.escape(localized("ui.survey.submit")))</button></div>")
        }
        return UIPage.response(.ok, try shell(survey.title, notice: notice, body))
    }

    /// The form of section `number` (1-based), showing `fields` and each field's problem.
    func sectionPage(
        _ survey: Questionnaire, number: Int, fields: SurveyFormFields, problems: [String: String],
        notice: UIPage.Notice?
    ) throws -> String {
        let section = survey.sections[number - 1]
        let link = "\(root)/surveys/\(UIPage.segment(survey.surveyID))"
        var content = ""
        for item in section.items {
            content += SurveyFormView(item: item, fields: fields, problems: problems).html
        }
        content += "<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\" id=\"save\">"
        content += "\(UIPage.escape(localized("ui.form.save")))</button>"
        content += "<a href=\"\(link)\">\(UIPage.escape(localized("ui.form.back")))</a></div>"
        var body = "<p class=\"muted\"><a href=\"\(link)\">\(UIPage.escape(survey.title))</a></p>"
        body += UIPage.form(action: "\(link)/sections/\(number)", csrf: csrf, id: "answers", content)
        var pager = ""
        if number > 1 {
            pager +=
                "<a href=\"\(link)/sections/\(number - 1)\">← \(UIPage.escape(survey.sections[number - 2].title))</a>"
        }
        if number < survey.sections.count {
            pager += "<a href=\"\(link)/sections/\(number + 1)\">\(UIPage.escape(survey.sections[number].title)) →</a>"
        }
        body += "<div class=\"actions\">\(pager)</div>"
        return try shell(section.title, notice: notice, body)
    }

    /// Saves a posted section: every field checked with the CLI's rules and written all or
    /// nothing; on a problem the form comes back as posted with each reason beside its field.
    /// `action=add.ITEM` adds an empty row to a table and writes nothing.
    private func saveSection(
        _ survey: Questionnaire, number: Int, store: ReplicaStore, municipality: String, form: HTTPFormBody
    ) throws -> HTTPResponse {
        let section = survey.sections[number - 1]
        var fields = SurveyFormFields(section: section, form: form)
        if let action = form["action"], action.hasPrefix("add.") {
            let item = String(action.dropFirst(4))
            if section.items.contains(where: { $0.id == item }) { fields.addRow(to: item) }
            return UIPage.response(
                .ok, try sectionPage(survey, number: number, fields: fields, problems: [:], notice: nil))
        }
        let entries = fields.entries(section: section)
        let importer = AnswerImport(survey: survey, municipality: municipality)
        let checked = try importer.check(entries, in: store, confirmingCarryOvers: true)
        var problems: [String: String] = [:]
        for problem in checked.problems {
            let text = Language.current == .japanese ? problem.japanese : problem.english
            problems[problem.entry.place, default: ""] += text
        }
        if problems.isEmpty, !checked.writes.isEmpty {
            do {
                try store.permittedWriteAll(checked.writes, user: try store.setting(.user) ?? "")
            } catch {
                problems["_form"] = "\(error)"
            }
        }
        guard problems.isEmpty else {
            let notice = UIPage.Notice(
                kind: .error,
                text: problems["_form"] ?? localized("ui.form.problems", ["count": problems.count]))
            return UIPage.response(
                .unprocessableContent,
                try sectionPage(survey, number: number, fields: fields, problems: problems, notice: notice))
        }
        let link = "\(root)/surveys/\(UIPage.segment(survey.surveyID))/sections/\(number)"
        return UIPage.redirect("\(link)?saved=\(checked.writes.count)")
    }

    private func submit(_ survey: Questionnaire, store: ReplicaStore, municipality: String) throws -> HTTPResponse {
        let link = "\(root)/surveys/\(UIPage.segment(survey.surveyID))"
        switch try SurveySubmission.submit(survey, municipality: municipality, in: store) {
        case .submitted, .alreadySubmitted: return UIPage.redirect("\(link)?submitted=1")
        case .refused: return UIPage.redirect("\(link)?refused=1")
        }
    }
}
