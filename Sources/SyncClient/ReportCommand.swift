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

        SUBCOMMANDS:
          survey     One row per municipality (all 43), one column per item: choices as their
                     Japanese labels, money in yen, dates as dates, missing answers empty,
                     conflicts marked 【競合】 with both values. Each table item becomes a table of
                     its own, one row per table row.

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
        let formatText = try arguments.option("--format") ?? "csv"
        let output = try arguments.option("-o") ?? arguments.option("--output")
        let encodingText = try arguments.option("--encoding") ?? "utf-8"
        guard let format = ReportFormat(rawValue: formatText) else {
            throw UsageError("--format must be csv, xlsx, json or md")
        }
        guard let encoding = TextEncoder(rawValue: encodingText.lowercased()) else {
            throw UsageError("--encoding must be utf-8 or cp932")
        }
        guard let verb = arguments.optionalPositional() else { throw UsageError("missing report subcommand (survey)") }
        let store = try home.open()
        switch verb {
        case "survey":
            let surveyID = try arguments.positional("SURVEY")
            try arguments.finish()
            let survey = try SurveyCommand.loadSurvey(surveyID, from: store)
            let municipalities = try OsakaMunicipalities.all.map { municipality in
                SurveyReport.Municipality(
                    code: municipality.code, name: municipality.name,
                    answers: try SurveyAnswers(survey: survey, municipality: municipality.code, store: store))
            }
            let tables = SurveyReport.tables(survey, municipalities)
            try ReportFiles(format: format, encoding: encoding, output: output).write(title: survey.title, tables)
        default: throw UsageError("unknown report subcommand \(Printable.quoted(verb))")
        }
    }
}

/// Writes report tables where and how the user asked.
struct ReportFiles {
    let format: ReportFormat
    let encoding: TextEncoder
    let output: String?

    func write(title: String, _ tables: [ReportTable]) throws {
        switch format {
        case .xlsx:
            guard let output else {
                guard !Terminal.outputIsTerminal else {
                    throw UsageError("an XLSX file is not for the terminal: give -o FILE.xlsx")
                }
                Terminal.write(XLSXWriter.bytes(tables))
                return
            }
            try save(XLSXWriter.bytes(tables), to: output)
            print("Wrote \(output) (\(tables.count) sheet(s)).")
        case .json: try emit(ReportDocument.json(title: title, tables))
        case .md: try emit(Array(ReportDocument.markdown(title: title, tables).utf8))
        case .csv:
            let encoded: [[UInt8]]
            do { encoded = try tables.map { try CSVWriter.bytes($0, encoding: encoding) } } catch let error
                as EncodingError
            {
                throw CommandFailure("\(error); nothing was written", status: .dataError)
            }
            guard let output else {
                Terminal.write(encoded[0])
                if tables.count > 1 {
                    Terminal.printError(
                        "\(tables.count - 1) more table(s) (\(tables.dropFirst().map(\.name).joined(separator: ", "))): give -o FILE.csv to write them too"
                    )
                }
                return
            }
            var written: [String] = []
            for (index, table) in tables.enumerated() {
                let path = index == 0 ? output : Self.sibling(of: output, suffix: table.name)
                try save(encoded[index], to: path)
                written.append(path)
            }
            print("Wrote \(written.joined(separator: ", ")).")
        }
    }

    private func emit(_ bytes: [UInt8]) throws {
        if let output {
            try save(bytes, to: output)
            print("Wrote \(output).")
        } else {
            Terminal.write(bytes)
        }
    }

    /// `out/調査.csv` + `D01 契約` -> `out/調査-D01.csv` (the item id; safe on every system).
    static func sibling(of path: String, suffix: String) -> String {
        let url = URL(fileURLWithPath: path)
        let stem = url.deletingPathExtension().lastPathComponent
        let id = suffix.split(separator: " ").first.map(String.init) ?? suffix
        let safe = LocalFileName.safe(id)
        return url.deletingLastPathComponent().appendingPathComponent(
            "\(stem)-\(safe).\(url.pathExtension.isEmpty ? "csv" : url.pathExtension)"
        ).path
    }

    /// Writes next to the target and renames, so a report is never half written.
    private func save(_ bytes: [UInt8], to path: String) throws {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)", status: .failure)
        }
    }
}
