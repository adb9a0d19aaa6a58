import CommandLineSupport
import Foundation
import Models
import Reports
import SyncStorage

/// `renkei report …`: consolidated tables from the data this replica holds (the advisor's
/// replica holds every municipality's). Works offline.
struct ReportCommand {
    static let help = """
        OVERVIEW: Consolidated reports for the prefecture, from the data in this replica (sync
        first to include the latest answers). Works offline.

        USAGE: renkei report survey SURVEY [--format csv|xlsx|json|md] [-o FILE] [--encoding utf-8|cp932]
               renkei report progress SURVEY [--format …] [-o FILE] [--encoding …]
               renkei report faq [--format md|csv|xlsx|json] [-o FILE] [--encoding …]

        SUBCOMMANDS:
          survey     One row per municipality (the 43 of Osaka, and any other that answered),
                     one column per item: choices as their Japanese labels, money in yen, dates
                     as dates, missing answers empty, conflicts marked 【競合】 with every value.
                     Each table item becomes a table of its own, one row per table row.
          progress   Per municipality: share of required items answered, errors, open conflicts,
                     when its answers last changed; prefecture-wide counts per choice (e.g. how
                     many municipalities appointed a CIO, number and %) and totals of numbers.
          faq        Hearing items flagged as FAQ, grouped by DX-plan focus area, with the
                     municipality and hearing date (Markdown by default).

        OPTIONS:
          --format F        csv (default), xlsx (one sheet per table), json or md
          -o FILE           Write here. For csv, table items go to FILE-<item>.csv beside it;
                            without -o csv and md print the main table on standard output
          --encoding E      For csv: utf-8 (default, with BOM: Excel opens it on a double click)
                            or cp932 (fails, naming the character, if the text cannot be held)
          --home DIR        Where the replica lives

        EXAMPLES:
          renkei report survey osaka-dx-2025 --format xlsx -o 調査結果.xlsx
          renkei report survey osaka-dx-2025 -o 調査結果.csv --encoding cp932
        """

    let home: ReplicaHome
    let arguments: ArgumentList

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        home = try ReplicaHome(&arguments)
        self.arguments = arguments
    }

    func run() throws {
        var arguments = self.arguments
        let formatText = try arguments.option("--format")
        let output = try arguments.option("-o") ?? arguments.option("--output")
        let encodingText = try arguments.option("--encoding") ?? "utf-8"
        guard let verb = arguments.optionalPositional() else {
            throw UsageError("missing report subcommand (survey, progress, faq)")
        }
        guard let format = ReportFormat(rawValue: formatText ?? (verb == "faq" ? "md" : "csv")) else {
            throw UsageError("--format must be csv, xlsx, json or md")
        }
        guard let encoding = TextEncoder(rawValue: encodingText.lowercased()) else {
            throw UsageError("--encoding must be utf-8 or cp932")
        }
        let files = ReportFiles(format: format, encoding: encoding, output: output)
        switch verb {
        case "survey", "progress":
            let surveyID = try arguments.positional("SURVEY")
            try arguments.finish()
            try Self.refuseTerminal(files)
            let store = try home.open()
            let survey = try store.survey(surveyID)
            let municipalities = try store.surveyMunicipalities(survey)
            try Self.writing {
                if verb == "survey" {
                    try files.write(title: survey.title, SurveyReport.tables(survey, municipalities))
                } else {
                    try files.write(title: "\(survey.title)：回答状況", ProgressReport.tables(survey, municipalities))
                }
            }
        case "faq":
            try arguments.finish()
            try Self.refuseTerminal(files)
            let entries = try Self.faqEntries(store: try home.open())
            try Self.writing {
                if format == .md {
                    try files.emitText(FAQReport.markdown(title: "ヒアリング FAQ", entries))
                } else {
                    try files.write(title: "ヒアリング FAQ", [FAQReport.table(entries)])
                }
            }
        default: throw UsageError("unknown report subcommand \(Printable.quoted(verb))")
        }
    }

    /// An XLSX file is binary: refused on a terminal before anything is read.
    static func refuseTerminal(_ files: ReportFiles) throws {
        if files.writesBinaryToStandardOutput && Terminal.outputIsTerminal {
            throw UsageError("an XLSX file is not for the terminal: give -o FILE.xlsx")
        }
    }

    /// Runs `write`; text the encoding asked for cannot hold is a data error (65).
    static func writing(_ write: () throws -> Void) throws {
        do { try write() } catch let error as ReportFileError {
            guard case .unencodable = error else { throw error }
            throw CommandFailure(error.description, status: .dataError)
        }
    }

    /// Hearing items flagged `faq`, with their hearing's municipality and date.
    static func faqEntries(store: ReplicaStore) throws -> [FAQReport.Entry] {
        let hearings = Dictionary(
            try HearingRecord.all(in: "hearings", store: store).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first })
        return try HearingRecord.all(in: "hearing-items", store: store).compactMap { item in
            guard item.fields["faq"] == .bool(true) else { return nil }
            let hearing = hearings[item.text("hearing")]
            let code = item.scope.description
            return FAQReport.Entry(
                category: HearingCategory(rawValue: item.text("category")), question: item.text("question"),
                answer: item.text("answer"), municipalityCode: code, municipalityName: SurveyRecords.name(of: code),
                date: hearing?.text("date") ?? "")
        }
    }
}
