import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

/// `renkei report …`: consolidated tables from the data this replica holds (the advisor's
/// replica holds every municipality's). Works offline.
struct ReportCommand: ReplicaVerbs {
    let home: ReplicaHome

    /// `report survey SURVEY`: one row per municipality, one column per item.
    func survey(_ arguments: inout ArgumentList) throws {
        let byKind = try Self.groupByKind(&arguments)
        try writeTables(&arguments) { survey, municipalities in
            (survey.title, SurveyReport.tables(survey, municipalities, groupByKind: byKind))
        }
    }

    /// `--group-by kind`, the one grouping the reports know.
    static func groupByKind(_ arguments: inout ArgumentList) throws -> Bool {
        guard let value = try arguments.option(ClientOptions.groupBy) else { return false }
        guard value == "kind" else { throw UsageError(localized("report.group.by.kind")) }
        return true
    }

    /// `report progress SURVEY [--group-by kind] [--compare national]`: how far each municipality
    /// is, prefecture-wide counts, and shares by kind of municipality and beside the national
    /// survey (`ComparisonReport`).
    func progress(_ arguments: inout ArgumentList) throws {
        let byKind = try Self.groupByKind(&arguments)
        let compare = try arguments.option(ClientOptions.compare)
        guard compare == nil || compare == "national" else { throw UsageError(localized("report.compare.national")) }
        try writeTables(&arguments, national: compare != nil) { survey, municipalities in
            var tables = ProgressReport.tables(survey, municipalities)
            if byKind || compare != nil {
                let comparison = ComparisonReport.table(
                    survey, municipalities, groupByKind: byKind, national: compare != nil)
                tables.append(comparison)
                if compare != nil { tables.append(ComparisonReport.chartTable(comparison)) }
            }
            return ("\(survey.title)：回答状況", tables)
        }
    }

    /// `report compare SURVEY_A SURVEY_B`: the two surveys side by side (`YearOverYearReport`).
    func compare(_ arguments: inout ArgumentList) throws {
        let files = try Self.files(&arguments, format: ClientOptions.format, default: .csv)
        let earlierID = try arguments.positional("SURVEY_A")
        let laterID = try arguments.positional("SURVEY_B")
        try arguments.finish()
        try Self.refuseTerminal(files)
        let store = try home.open()
        let earlier = try store.survey(earlierID)
        let later = try store.survey(laterID)
        let tables = YearOverYearReport.tables(
            earlier, try store.surveyMunicipalities(earlier), later, try store.surveyMunicipalities(later))
        let about = [
            "比較：\(earlier.surveyID)（基準日 \(earlier.referenceDate ?? "定めなし")）と \(later.surveyID)（基準日 \(later.referenceDate ?? "定めなし")）",
            "出典：府内各団体の回答（Renkei で集計）",
        ]
        try Self.writing {
            try files.write(title: "\(earlier.title) と \(later.title) の比較", tables, about: about)
        }
    }

    /// `report systems SURVEY`: the system inventories analysed (`SystemsReport`).
    func systems(_ arguments: inout ArgumentList) throws {
        let byKind = try Self.groupByKind(&arguments)
        try writeTables(&arguments) { survey, municipalities in
            ("\(survey.title)：システム・契約の分析", SystemsReport.tables(survey, municipalities, groupByKind: byKind))
        }
    }

    /// `survey print SURVEY`: this municipality's own answers as a readable sheet (Markdown by
    /// default), to check before submitting; with `-o FILE --json`, what was written as JSON.
    func answerSheet(_ arguments: inout ArgumentList) throws {
        var files = try Self.files(&arguments, format: ClientOptions.sheetFormat, default: .md)
        let json = arguments.flag(ClientOptions.json)
        if json && files.output == nil { throw UsageError(localized("survey.print.json.output")) }
        files.announces = !json
        try Self.refuseTerminal(files)
        let (store, surveyID, survey, code) = try SurveyCommand(home: home).surveyTarget(&arguments)
        let municipality = SurveyReport.Municipality(
            code: code, name: SurveyRecords.name(of: code),
            answers: try store.surveyAnswers(survey, municipality: code),
            submission: try store.submissionStatus(surveyID, municipality: code))
        let title = "\(survey.title)：\(municipality.name)（\(code)）の回答（\(municipality.submission.japaneseLabel)）"
        var written: [String] = []
        try Self.writing {
            written = try files.write(
                title: title, AnswerSheet.tables(survey, municipality), about: SurveyReport.about(survey))
        }
        if json {
            let result: JSONValue = [
                "path": written.first.map(JSONValue.string) ?? .null, "files": .array(written.map(JSONValue.string)),
                "survey": .string(surveyID), "municipality": .string(code), "format": .string(files.format.rawValue),
            ]
            print(result.canonicalText)
        }
    }

    /// `report hearings [--target N] [--by YYYY-MM-DD]`: the hearing programme against its target.
    func hearings(_ arguments: inout ArgumentList) throws {
        let files = try Self.files(&arguments, format: ClientOptions.faqFormat, default: .md)
        let count = try Self.hearingTarget(&arguments)
        let byText = try arguments.option(ClientOptions.hearingDeadline)
        try arguments.finish()
        try Self.refuseTerminal(files)
        let target: HearingProgramReport.Target
        if let byText {
            guard case .date(let day) = DateInput.read(byText) else {
                throw UsageError(localized("report.by.date"))
            }
            target = .init(municipalities: count, deadline: day)
        } else {
            guard
                let standard = HearingProgramReport.Target.standard(at: UnixTime.milliseconds(), municipalities: count)
            else { throw CommandFailure(localized("report.today.unknown")) }
            target = standard
        }
        let store = try home.open()
        let records = try ReplicaRecord.all(in: CollectionName.hearings, store: store)
        let tables = HearingProgramReport.tables(
            Self.hearings(records), target: target,
            faqItems: try Self.faqEntries(store: store, hearings: records).count,
            today: JapanTime.day(UnixTime.milliseconds()))
        try Self.writing {
            try files.write(title: "ヒアリングの進捗", tables, about: ["出典：ヒアリング記録（Renkei）"])
        }
    }

    /// `report faq`: hearing items flagged as FAQ (Markdown by default); `--publish` shares it.
    func faq(_ arguments: inout ArgumentList) throws {
        let publish = arguments.flag(ClientOptions.publish)
        let files = try Self.files(&arguments, format: ClientOptions.faqFormat, default: publish ? .docx : .md)
        let anonymize = arguments.flag(ClientOptions.anonymize) || publish
        try arguments.finish()
        let found = try Self.faqEntries(store: try home.open())
        let entries = anonymize ? found.map(\.anonymized) : found
        let title = "ヒアリング FAQ"
        let subtitle = [ReportClock.producedLine()] + (anonymize ? ["共有用（団体名は区分と人口規模で表示）"] : [])
        if publish {
            guard files.output == nil else {
                throw UsageError(localized("report.faq.publish.output"))
            }
            try self.publish(title: title, subtitle: subtitle, entries, format: files.format)
            return
        }
        try Self.refuseTerminal(files)
        try Self.writing {
            switch files.format {
            case .md: try files.emitText(FAQReport.markdown(title: title, entries))
            case .docx: try files.write(FAQReport.document(title: title, subtitle: subtitle, entries))
            default:
                try files.write(title: title, [FAQReport.table(entries)], about: ["出典：ヒアリング記録（Renkei）"])
            }
        }
    }

    /// Where `report faq --publish` puts the FAQ: `FAQ/ヒアリングFAQ.docx` in scope shared, each
    /// publication a new version of the same document.
    static let publishedFAQFolder = "FAQ"
    static let publishedFAQName = "ヒアリングFAQ"

    /// Shares the (anonymized) FAQ with every municipality as a document of scope `shared`: a
    /// Word file (or Markdown), uploaded at the next sync. Only the advisor and admins may write
    /// that scope; a staff replica is refused before anything is stored.
    private func publish(title: String, subtitle: [String], _ entries: [FAQReport.Entry], format: ReportFormat) throws {
        let bytes: [UInt8]
        switch format {
        case .docx: bytes = DOCXWriter.bytes(FAQReport.document(title: title, subtitle: subtitle, entries))
        case .md: bytes = Array(FAQReport.markdown(title: title, entries).utf8)
        default: throw UsageError(localized("report.faq.publish.format"))
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("renkei-faq-\(UUID().uuidString)")
        do { try Data(bytes).write(to: file) } catch {
            throw CommandFailure(
                localized("report.faq.cannot.write", ["reason": error.localizedDescription]), status: .failure)
        }
        defer { try? FileManager.default.removeItem(at: file) }
        let docs = try DocsCommand(home: home)
        let shared = try docs.share(
            fileAt: file.path, folder: Self.publishedFAQFolder, name: "\(Self.publishedFAQName).\(format.rawValue)",
            scope: .shared, note: "\(title)（\(entries.count) 件、団体名は区分と人口規模で表示）")
        let values: [String: Any] = ["path": shared.path, "count": entries.count]
        if shared.isNewVersion {
            print(localized("report.faq.published.new.version", values))
        } else {
            print(localized("report.faq.published", values))
        }
        print(localized("report.faq.published.next", ["path": shared.path]))
    }

    /// `report analysis SURVEY [--format docx|md]`: the survey analysis report (`SurveyAnalysis`).
    func analysis(_ arguments: inout ArgumentList) throws {
        let files = try Self.files(&arguments, format: ClientOptions.documentFormat, default: .docx)
        let surveyID = try arguments.positional("SURVEY")
        try arguments.finish()
        guard files.format == .docx || files.format == .md else {
            throw UsageError(localized("report.analysis.format"))
        }
        try Self.refuseTerminal(files)
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let document = SurveyAnalysis.document(
            survey, try store.surveyMunicipalities(survey), producedAt: ReportClock.now())
        try Self.writing {
            if files.format == .md { try files.emitText(document.markdown) } else { try files.write(document) }
        }
    }

    /// The tables `make` builds from the survey `SURVEY` names and its municipalities' answers.
    private func writeTables(
        _ arguments: inout ArgumentList, national: Bool = false,
        _ make: (Questionnaire, [SurveyReport.Municipality]) -> (title: String, tables: [ReportTable])
    ) throws {
        let files = try Self.files(&arguments, format: ClientOptions.format, default: .csv)
        let surveyID = try arguments.positional("SURVEY")
        try arguments.finish()
        try Self.refuseTerminal(files)
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let (title, tables) = make(survey, try store.surveyMunicipalities(survey))
        try Self.writing {
            try files.write(title: title, tables, about: SurveyReport.about(survey, national: national))
        }
    }

    /// Where and how to write: `--format` (as `format` declares it), `-o` and `--encoding`.
    static func files(_ arguments: inout ArgumentList, format option: CommandOption, default: ReportFormat)
        throws -> ReportFiles
    {
        let formatText = try arguments.option(option) ?? `default`.rawValue
        let output = try arguments.option(ReportOptions.output)
        let encodingText = try arguments.option(ReportOptions.encoding) ?? "utf-8"
        guard let format = ReportFormat(rawValue: formatText) else {
            throw UsageError(localized("report.format.must", ["formats": ReportFormat.listed]))
        }
        guard let encoding = TextEncoder(rawValue: encodingText.lowercased()) else {
            throw UsageError(localized("report.encoding.must"))
        }
        return ReportFiles(format: format, encoding: encoding, output: output)
    }

    /// An XLSX file is binary: refused on a terminal before anything is read.
    static func refuseTerminal(_ files: ReportFiles) throws {
        if files.writesBinaryToStandardOutput && Terminal.outputIsTerminal {
            let values = ["kind": files.format.rawValue.uppercased(), "extension": files.format.rawValue]
            throw UsageError(localized("report.binary.terminal", values))
        }
    }

    /// Runs `write`; text the encoding asked for cannot hold is a data error (65).
    static func writing(_ write: () throws -> Void) throws {
        do { try write() } catch let error as ReportFileError {
            guard case .unencodable = error else { throw error }
            throw CommandFailure(error.description, status: .dataError)
        }
    }

    /// The `--target` of the hearing programme: a number of municipalities (default 15).
    static func hearingTarget(_ arguments: inout ArgumentList) throws -> Int {
        let text = try arguments.option(ClientOptions.hearingTarget) ?? "15"
        guard let count = Int(text), (1...1000).contains(count) else {
            throw UsageError(localized("report.target.range"))
        }
        return count
    }

    /// The hearings of `records` (the replica's `hearings`): the municipality heard and the date
    /// as stored.
    static func hearings(_ records: [ReplicaRecord]) -> [HearingProgramReport.Hearing] {
        records.compactMap { record in
            guard case .municipality(let code) = record.scope else { return nil }
            return HearingProgramReport.Hearing(municipality: code.rawValue, date: record.text("date"))
        }
    }

    /// Hearing items flagged `faq`, with their hearing's municipality and date (`hearings`: the
    /// replica's hearing records, when the caller has read them already).
    static func faqEntries(store: ReplicaStore, hearings records: [ReplicaRecord]? = nil) throws -> [FAQReport.Entry] {
        let categories = try store.hearingCategories().list
        let hearings = Dictionary(
            try (records ?? ReplicaRecord.all(in: CollectionName.hearings, store: store)).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        return try ReplicaRecord.all(in: CollectionName.hearingItems, store: store).compactMap { item in
            guard item.fields["faq"] == .bool(true) else { return nil }
            let hearing = hearings[item.text("hearing")]
            let code = item.scope.description
            return FAQReport.Entry(
                category: categories.category(code: item.text("category")),
                order: categories.order(of: item.text("category")), question: item.text("question"),
                answer: item.text("answer"), municipalityCode: code, municipalityName: SurveyRecords.name(of: code),
                date: hearing?.text("date") ?? "")
        }
    }
}
