import Foundation
import Models
import TestSupport
import Testing

/// `--json` of the commands that write, with the real binaries: standard output is exactly one
/// JSON value (one line), holding what the command did and the identifiers a script needs next,
/// and those identifiers are the ones the reading commands find.
@Suite(.serialized) struct JSONOutputTests {
    static let survey = SurveyEndToEndTests.survey
    static let nextSurvey = "osaka-muni-dx-survey-example-2026"

    /// An address that refuses connections: replicas that never sync.
    static let nowhere = "http://127.0.0.1:9"

    static var categoriesPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/hearing_categories.json").standardized.path
    }

    /// The one JSON value `result` printed on standard output (after checking it succeeded and
    /// printed a single line).
    static func json(_ result: CommandRunner.Result, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> JSONValue
    {
        #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == 2 && lines[1].isEmpty, "one line on stdout: \(result.stdout)", sourceLocation: sourceLocation
        )
        return try JSONValue(parsing: result.stdout.trimmingCharacters(in: .newlines))
    }

    /// Runs `arguments` on `replica` and returns the JSON value it printed.
    static func json(
        _ replica: CLIReplica, _ arguments: [String], environment: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> JSONValue {
        try json(try replica.run(arguments, environment: environment), sourceLocation: sourceLocation)
    }

    /// `replica.sync()`; when it fails, how the server ended (if it did) is recorded too.
    @discardableResult
    static func sync(_ replica: CLIReplica, _ server: ServerProcess, sourceLocation: SourceLocation = #_sourceLocation)
        throws -> JSONValue
    {
        do { return try replica.sync() } catch {
            Issue.record("sync failed; the server: \(server.ended ?? "running")", sourceLocation: sourceLocation)
            throw error
        }
    }

    static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    static func integer(_ value: JSONValue?) -> Int64? {
        if case .integer(let number)? = value { return number }
        return nil
    }

    // MARK: - put, conflicts resolve

    @Test func putAndConflictsResolve() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        let record = "osaka-dx-2025/271004/A05"
        let put = try Self.json(osaka, ["put", "answers", record, "value", "15", "--json"])
        #expect(
            put["collection"] == "answers" && put["record"] == .string(record) && put["field"] == "value"
                && put["scope"] == "271004" && put["value"] == 15 && put["user"] == "tanaka", "\(put)")
        #expect(Self.integer(put["at"]) != nil && Self.text(put["author"])?.count == 32, "\(put)")
        #expect(try osaka.register("answers", record, "value").count == 1)
        #expect(
            try Self.json(suzuki, ["put", "answers", record, "value", "14", "--scope", "271004", "--json"])["value"]
                == 14)
        // Without --json, the human line as before.
        #expect(try osaka.run(["put", "answers", record, "note", #""x""#]).stdout.hasPrefix("Wrote answers/"))
        for replica in [osaka, suzuki, osaka] { try Self.sync(replica, server) }

        let key = "answers/\(record)#value"
        guard case .array(let versions) = try osaka.register("answers", record, "value"), versions.count == 2,
            let index = versions.firstIndex(where: { $0["user"] == "suzuki" })
        else {
            Issue.record("expected a conflict")
            return
        }
        let resolved = try Self.json(osaka, ["conflicts", "resolve", key, "--pick", "\(index + 1)", "--json"])
        #expect(
            resolved["collection"] == "answers" && resolved["record"] == .string(record) && resolved["field"] == "value"
                && resolved["scope"] == "271004" && resolved["value"] == 14
                && resolved["picked"] == .integer(Int64(index + 1)) && resolved["superseded"] == 2, "\(resolved)")
        #expect(try osaka.run(["get", "answers", record, "value"]).stdout == "14\n")
        #expect(try osaka.run(["conflicts", "--json"]).stdout == "[]\n")
    }

    // MARK: - survey

    @Test func surveyCommandsAndRejectedChanges() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)

        let published = try Self.json(advisor, ["survey", "publish", SurveyEndToEndTests.examplePath, "--json"])
        #expect(
            published["survey"] == .string(Self.survey) && published["status"] == "open"
                && published["fiscal_year"] == 2025 && Self.integer(published["items"]) ?? 0 > 10
                && Self.text(published["title"]) != nil, "\(published)")
        // Next year's survey: the same schema under another id, for carry-over and confirm.
        let example = try String(contentsOfFile: SurveyEndToEndTests.examplePath, encoding: .utf8)
        let next = directory.path("next.json")
        try example.replacingOccurrences(of: Self.survey, with: Self.nextSurvey).write(
            toFile: next, atomically: true, encoding: .utf8)
        let nextPublished = try Self.json(advisor, ["survey", "publish", next, "--status", "open", "--json"])
        #expect(nextPublished["survey"] == .string(Self.nextSurvey) && nextPublished["items"] == published["items"])
        try Self.sync(advisor, server)
        try Self.sync(osaka, server)

        // answer: plain and a table cell, each found by `survey show`.
        let answered = try Self.json(osaka, ["survey", "answer", Self.survey, "B07", "12", "--json"])
        #expect(
            answered["survey"] == .string(Self.survey) && answered["municipality"] == "271004"
                && answered["item"] == "B07" && answered["row"] == .null && answered["column"] == .null
                && answered["value"] == 12 && answered["record"] == .string("\(Self.survey)/271004/B07")
                && answered["field"] == "value" && answered["confirmed_carry_over"] == false, "\(answered)")
        let cell = try Self.json(
            osaka,
            ["survey", "answer", Self.survey, "D01", "株式会社サンプル", "--row", "r1", "--column", "vendor_name", "--json"])
        #expect(
            cell["item"] == "D01" && cell["row"] == "r1" && cell["column"] == "vendor_name"
                && cell["value"] == "株式会社サンプル" && cell["field"] == "vendor_name", "\(cell)")
        let shown = try Self.json(osaka, ["survey", "show", Self.survey, "B07", "--json"])
        guard case .array(let rows) = shown else {
            Issue.record("show --json: \(shown)")
            return
        }
        #expect(rows.first?["answer"] == answered["value"])

        // print -o FILE: the files written; without -o, --json is a usage error.
        let sheet = directory.path("sheet.md")
        let printed = try Self.json(osaka, ["survey", "print", Self.survey, "-o", sheet, "--json"])
        #expect(
            printed["path"] == .string(sheet) && printed["files"] == .array([.string(sheet)])
                && printed["survey"] == .string(Self.survey) && printed["municipality"] == "271004"
                && printed["format"] == "md", "\(printed)")
        #expect(FileManager.default.fileExists(atPath: sheet))
        let csv = directory.path("sheet.csv")
        let tables = try Self.json(osaka, ["survey", "print", Self.survey, "--format", "csv", "-o", csv, "--json"])
        guard case .array(let files)? = tables["files"] else {
            Issue.record("print --json: \(tables)")
            return
        }
        #expect(tables["path"] == .string(csv) && files.first == .string(csv) && files.count >= 2, "\(tables)")
        for file in files { #expect(FileManager.default.fileExists(atPath: Self.text(file) ?? "")) }
        let refused = try osaka.run(["survey", "print", Self.survey, "--json"])
        #expect(refused.status == 64 && refused.stdout.isEmpty && refused.stderr.contains("-o FILE"))
        // Without --json, the human line as before.
        #expect(try osaka.run(["survey", "print", Self.survey, "-o", sheet]).stdout == "Wrote \(sheet).\n")

        // import: written and unchanged counts.
        let answers = directory.path("answers.csv")
        try "item,row,column,value\nA01,,,271004\nB07,,,12\nC04,,,3\n".write(
            toFile: answers, atomically: true, encoding: .utf8)
        let imported = try Self.json(osaka, ["survey", "import", Self.survey, answers, "--json"])
        #expect(
            imported["survey"] == .string(Self.survey) && imported["municipality"] == "271004"
                && imported["file"] == .string(answers) && imported["written"] == 2 && imported["unchanged"] == 1,
            "\(imported)")
        // form: the workbook written; imported as it is, it changes nothing.
        let workbook = directory.path("form.xlsx")
        let form = try Self.json(osaka, ["survey", "form", Self.survey, "-o", workbook, "--json"])
        #expect(
            form["path"] == .string(workbook) && form["survey"] == .string(Self.survey)
                && form["municipality"] == "271004" && form["items"] == published["items"]
                && form["submitted"] == false, "\(form)")
        #expect(FileManager.default.fileExists(atPath: workbook))
        let again = try Self.json(osaka, ["survey", "import", Self.survey, workbook, "--json"])
        #expect(again["written"] == 0 && again["file"] == .string(workbook), "\(again)")

        // remove-row: the row and the columns cleared.
        let removed = try Self.json(osaka, ["survey", "remove-row", Self.survey, "D01", "r1", "--json"])
        #expect(
            removed["survey"] == .string(Self.survey) && removed["municipality"] == "271004" && removed["item"] == "D01"
                && removed["row"] == "r1" && removed["columns"]?.count ?? 0 > 1, "\(removed)")
        guard case .array(let columns)? = removed["columns"] else { return }
        #expect(columns.contains("vendor_name"))

        // confirm: the places confirmed, after carrying last year's answers over.
        let carried = try Self.json(osaka, ["survey", "carry-over", Self.survey, Self.nextSurvey, "--json"])
        #expect(Self.integer(carried["items"]) ?? 0 >= 3, "\(carried)")
        let confirmed = try Self.json(osaka, ["survey", "confirm", Self.nextSurvey, "B07", "--json"])
        #expect(
            confirmed["survey"] == .string(Self.nextSurvey) && confirmed["municipality"] == "271004"
                && confirmed["confirmed"] == ["B07"] && confirmed["count"] == 1, "\(confirmed)")
        let rest = try Self.json(osaka, ["survey", "confirm", Self.nextSurvey, "--all", "--json"])
        #expect(rest["count"] == .integer(Int64(rest["confirmed"]?.count ?? -1)), "\(rest)")
        #expect(try Self.json(osaka, ["survey", "confirm", Self.nextSurvey, "--all", "--json"])["count"] == 0)
        #expect(try Self.sync(osaka, server)["rejected"] == 0)

        // rejected retry and drop: an answer written offline while the advisor closes the survey.
        #expect(try Self.json(osaka, ["survey", "answer", Self.survey, "C04", "5", "--json"])["value"] == 5)
        let closed = try Self.json(
            advisor, ["survey", "publish", SurveyEndToEndTests.examplePath, "--status", "closed", "--json"])
        #expect(closed["status"] == "closed")
        try Self.sync(advisor, server)
        try Self.sync(osaka, server)
        func rejectedID() throws -> Int64? {
            let listed = try Self.json(osaka, ["rejected", "--json"])
            guard case .array(let entries) = listed, entries.count == 1 else { return nil }
            return Self.integer(entries[0]["id"])
        }
        let id = try #require(try rejectedID())
        let retried = try Self.json(osaka, ["rejected", "retry", "\(id)", "--json"])
        #expect(retried["ids"] == .array([.integer(id)]) && retried["count"] == 1, "\(retried)")
        try Self.sync(osaka, server)
        let retriedID = try #require(try rejectedID())
        let all = try Self.json(osaka, ["rejected", "retry", "--all", "--json"])
        #expect(all["ids"] == .array([.integer(retriedID)]) && all["count"] == 1, "\(all)")
        try Self.sync(osaka, server)
        let last = try #require(try rejectedID())
        let dropped = try Self.json(osaka, ["rejected", "drop", "\(last)", "--json"])
        #expect(
            dropped["id"] == .integer(last) && dropped["collection"] == "answers"
                && dropped["record"] == .string("\(Self.survey)/271004/C04") && dropped["field"] == "value"
                && dropped["scope"] == "271004", "\(dropped)")
        #expect(try osaka.run(["rejected", "--json"]).stdout == "[]\n")
    }

    // MARK: - hearing

    @Test func hearingCommands() throws {
        let directory = try TemporaryDirectory()
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: Self.nowhere)
        let created = try Self.json(
            advisor,
            ["hearing", "new", "--municipality", "271004", "--date", "2025-06-12", "--place", "大阪市役所", "--json"])
        let hearing = try #require(Self.text(created["id"]))
        #expect(RecordID.isUUID(hearing))
        #expect(
            created["collection"] == "hearings" && created["scope"] == "271004"
                && created["fields"] == ["date": "2025-06-12", "place": "大阪市役所"], "\(created)")
        let shown = try Self.json(advisor, ["hearing", "show", hearing, "--json"])
        #expect(shown["id"] == .string(hearing) && shown["place"] == "大阪市役所")

        let edited = try Self.json(advisor, ["hearing", "edit", hearing, "--summary", "移行計画を確認", "--json"])
        #expect(
            edited["id"] == .string(hearing) && edited["scope"] == "271004"
                && edited["fields"] == ["summary": "移行計画を確認"], "\(edited)")
        // The editor's own output goes to stderr: stdout holds only the JSON.
        let editor = directory.path("editor.sh")
        try "#!/bin/sh\necho editing\nsed -i 's/^topics: .*/topics: 標準化/' \"$1\"\n".write(
            toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let environment = ["EDITOR": editor, "VISUAL": editor]
        let byEditor = try advisor.run(["hearing", "edit", hearing, "--json"], environment: environment)
        #expect(byEditor.stderr.contains("editing"))
        #expect(try Self.json(byEditor)["fields"] == ["topics": "標準化"])
        let unchanged = try Self.json(advisor, ["hearing", "edit", hearing, "--json"], environment: environment)
        #expect(unchanged["id"] == .string(hearing) && unchanged["fields"] == [:], "\(unchanged)")

        let added = try Self.json(
            advisor,
            [
                "hearing", "item", "add", hearing, "--question", "移行時期は？", "--answer", "令和7年度末", "--category",
                "standardization", "--faq", "--json",
            ])
        let item = try #require(Self.text(added["id"]))
        #expect(
            added["collection"] == "hearing-items" && added["scope"] == "271004"
                && added["fields"]?["hearing"] == .string(hearing) && added["fields"]?["faq"] == true
                && added["fields"]?["category"] == "standardization", "\(added)")
        guard case .array(let items)? = try Self.json(advisor, ["hearing", "show", hearing, "--json"])["items"] else {
            Issue.record("hearing show --json has no items")
            return
        }
        #expect(items.map { $0["id"] } == [.string(item)])
        let itemEdited = try Self.json(advisor, ["hearing", "item", "edit", item, "--faq", "no", "--json"])
        #expect(itemEdited["id"] == .string(item) && itemEdited["fields"] == ["faq": false], "\(itemEdited)")

        let categories = try Self.json(advisor, ["hearing", "categories", "publish", Self.categoriesPath, "--json"])
        guard case .array(let codes)? = categories["codes"] else {
            Issue.record("categories publish --json: \(categories)")
            return
        }
        #expect(
            categories["count"] == .integer(Int64(codes.count)) && codes.contains("standardization")
                && categories["orphaned"] == [], "\(categories)")
        let listed = try Self.json(advisor, ["hearing", "categories", "list", "--json"])
        #expect(listed["published"] == true && listed["categories"]?.count == codes.count)
    }

    // MARK: - log

    @Test func logAddAndEditOfEveryKind() throws {
        let directory = try TemporaryDirectory()
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: Self.nowhere)
        let cases: [(kind: String, collection: String, add: [String], scope: String, edit: [String], field: String)] = [
            (
                "inquiry", "inquiries", ["--municipality", "島本町", "--theme", "電子申請", "--question", "手数料は？"],
                "273015", ["--answer", "比較表を送付"], "answer"
            ),
            (
                "consultation", "consultations", ["--theme", "標準化", "--municipalities", "271004,堺市"], "shared",
                ["--attendees", "14"], "attendees"
            ),
            (
                "meeting", "meetings", ["--title", "6月定例会"], "shared", ["--minutes-shared", "2026-06-12"],
                "minutes_shared"
            ),
        ]
        for entry in cases {
            let added = try Self.json(
                advisor, ["log", entry.kind, "add", "--date", "2026-06-03"] + entry.add + ["--json"])
            let id = try #require(Self.text(added["id"]), "\(entry.kind): \(added)")
            #expect(
                added["collection"] == .string(entry.collection) && added["scope"] == .string(entry.scope)
                    && added["fields"]?["date"] == "2026-06-03", "\(entry.kind): \(added)")
            let shown = try Self.json(advisor, ["log", entry.kind, "show", id, "--json"])
            #expect(shown["id"] == .string(id) && shown["scope"] == .string(entry.scope), "\(entry.kind)")

            let edited = try Self.json(advisor, ["log", entry.kind, "edit", id] + entry.edit + ["--json"])
            #expect(
                edited["id"] == .string(id) && edited["collection"] == .string(entry.collection)
                    && edited["fields"]?[entry.field] != nil && edited["fields"]?[entry.field] != .null,
                "\(entry.kind): \(edited)")
            #expect(
                try Self.json(advisor, ["log", entry.kind, "show", id, "--json"])[entry.field]
                    == edited["fields"]?[entry.field])
        }
    }

    // MARK: - docs

    @Test func docsGetAndRemove() throws {
        let directory = try TemporaryDirectory()
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: Self.nowhere)
        let file = directory.path("議事録.txt")
        try "6月12日 ヒアリング\n".write(toFile: file, atomically: true, encoding: .utf8)
        let shared = try Self.json(osaka, ["docs", "put", file, "--folder", "ヒアリング", "--json"])
        let id = try #require(Self.text(shared["id"]))

        let copy = directory.path("copy.txt")
        let got = try Self.json(osaka, ["docs", "get", id, "-o", copy, "--json"])
        #expect(
            got["path"] == .string(copy) && got["sha256"] == shared["sha256"] && got["size"] == shared["size"],
            "\(got)")
        #expect(try String(contentsOfFile: copy, encoding: .utf8) == "6月12日 ヒアリング\n")
        // -o - sends the file itself to stdout: --json is refused there, before anything is written.
        let refused = try osaka.run(["docs", "get", id, "-o", "-", "--json"])
        #expect(refused.status == 64 && refused.stdout.isEmpty && refused.stderr.contains("-o -"), "\(refused)")
        #expect(try osaka.run(["docs", "get", id, "-o", "-"]).stdout == "6月12日 ヒアリング\n")

        let removed = try Self.json(osaka, ["docs", "rm", "ヒアリング/議事録.txt", "--json"])
        #expect(
            removed["id"] == .string(id) && removed["path"] == "ヒアリング/議事録.txt" && removed["scope"] == "271004",
            "\(removed)")
        #expect(try osaka.run(["docs", "ls", "--json"]).stdout == "[]\n")
    }
}
