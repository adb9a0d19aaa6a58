import Foundation
import Models
import Reports
import SyncStorage

/// What the dashboard shows, read from the server database: per municipality its replicas and
/// last sync, open conflicts, documents, and completion of each open survey.
struct DashboardData {
    struct Municipality {
        let code: String
        let name: String
        var replicas = 0
        /// Unix milliseconds of the latest request from any of its replicas.
        var lastSync: Int64?
        var conflicts = 0
        var documents = 0
        /// Total size of its documents in bytes; stops at `Int64.max` rather than overflowing
        /// (sizes are what replicas claim, so their sum is not trusted to fit).
        var documentBytes: Int64 = 0
        /// Survey id -> share of required items answered (0...1); absent: nothing answered.
        var completion: [String: Double] = [:]
    }

    struct Survey {
        let id: String
        let title: String
    }

    var municipalities: [Municipality] = []
    var surveys: [Survey] = []
    /// Replicas of the advisor and admins (scope `shared`).
    var sharedReplicas = 0

    init(store: ServerStore) throws {
        var list = try store.access.municipalities()
        if list.isEmpty { list = OsakaMunicipalities.all.map { ($0.code, $0.name) } }
        var byCode: [String: Municipality] = [:]
        for item in list { byCode[item.code] = Municipality(code: item.code, name: item.name) }
        for activity in try store.replicaActivity() {
            if activity.scope == "shared" {
                sharedReplicas += 1
                continue
            }
            guard var municipality = byCode[activity.scope] else { continue }
            municipality.replicas += 1
            municipality.lastSync = max(municipality.lastSync ?? 0, activity.lastSeen)
            byCode[activity.scope] = municipality
        }
        for (scope, count) in try store.conflictCounts() { byCode[scope]?.conflicts = count }
        for (_, scope, register) in try store.registers(in: Document.collection) {
            guard let version = register.versions.first, let document = try? Document(json: version.value, path: "")
            else { continue }
            byCode[scope.description]?.documents += 1
            if let total = byCode[scope.description]?.documentBytes {
                let (sum, overflow) = total.addingReportingOverflow(document.size)
                byCode[scope.description]?.documentBytes = overflow ? .max : sum
            }
        }
        // Open surveys and each municipality's completion.
        for (key, _, register) in try store.registers(in: "surveys") where key.field == "items" {
            guard let survey = try? SurveyReport.survey(from: register) else { continue }
            let status = try store.register(for: RecordKey(validating: "surveys", record: key.record, field: "status"))
            guard status.versions.first?.value != .string("closed") else { continue }
            surveys.append(Survey(id: survey.surveyID, title: survey.title))
            let codes: [String: Set<String>] =
                survey.codelists["osaka_municipalities"] == nil
                ? [:] : ["osaka_municipalities": Set(OsakaMunicipalities.codes)]
            for code in byCode.keys {
                let registers = try store.registers(in: "answers", recordPrefix: "\(survey.surveyID)/\(code)/")
                guard !registers.isEmpty else { continue }
                let answers = SurveyAnswers(
                    survey: survey, municipality: code, registers: registers)
                byCode[code]?.completion[survey.surveyID] =
                    SurveyCheck.run(
                        survey, answers: answers.values, tables: answers.tables, conflicted: answers.conflicted,
                        externalCodes: codes
                    ).completion
            }
        }
        municipalities = byCode.values.sorted { $0.code < $1.code }
    }
}
