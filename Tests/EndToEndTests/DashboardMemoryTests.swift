import Foundation
import Models
import SyncStorage
import TestSupport
import Testing

/// The dashboard reads only what it shows: the real `renkei-server` shows a survey whose 43
/// municipalities each hold 100 answers of 60 KiB (each under the 64 KiB of `ValueLimits`), one
/// of them 1,000 more in table rows (a hostile municipality: rows are not limited in number),
/// without holding those answers in memory.
///
/// The bound: the server's peak resident size (VmHWM) grows by less than 64 MiB over three
/// survey pages and the overview. The completion scan runs on a connection with a 2 MiB page
/// cache, so reading the answers' pages does not fill the main connection's 64 MiB cache;
/// decoding the answers as the dashboard once did grows it by more than 130 MiB.
@Suite(.serialized) struct DashboardMemoryTests {
    static let survey = "memory-survey"
    static let items = 100
    /// Rows of the table item the hostile municipality fills.
    static let hostileRows = 1_000
    static let hostileMunicipality = "271004"
    /// Bytes of each answer's text.
    static let answerBytes = 60 * 1024
    /// Most the peak may grow, in MiB.
    static let maxGrowthMiB = 64.0

    @Test func surveyPagesOfLargeAnswersStayWithinTheMemoryBound() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        try FileManager.default.createDirectory(
            atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Self.seed(database: data + "/renkei.sqlite")
        let server = try ServerProcess(dataDirectory: data)
        let (client, cookie, pid, start) = try Self.advisorSignedIn(to: server)
        let began = Date()
        for _ in 0..<3 {
            let page = try client.send(
                "GET", "/surveys/\(Self.survey)", headers: [("Cookie", cookie)], timeoutMilliseconds: 300_000)
            #expect(page.status == 200, "\(page.head)")
            #expect(page.text.components(separatedBy: "<span class=\"share\">100%</span>").count == 44, "all complete")
        }
        let overview = try client.send("GET", "/", headers: [("Cookie", cookie)], timeoutMilliseconds: 300_000)
        #expect(overview.status == 200 && overview.text.components(separatedBy: ">100%</td>").count == 44)
        let seconds = Date().timeIntervalSince(began)
        let end = try #require(Self.peakMiB(pid))
        let bound = Self.maxGrowthMiB
        print(
            "dashboard memory: VmHWM \(Self.format(start)) MiB after start, \(Self.format(end)) MiB after 4 pages (growth \(Self.format(end - start)) MiB, bound \(Self.format(bound)) MiB) in \(Self.format(seconds)) s"
        )
        #expect(end - start < bound, "peak resident memory grew \(end - start) MiB")
        #expect(server.ended == nil)
    }

    /// An outside review stored 600 MB of hearing values (`summary` arrays of 261 KB, `[[],[],…]`)
    /// with one staff token, and every overview page decoded them all: 27 s, 4.6 GB, every other
    /// push waiting. The page now reads only the fields it counts, and no version of them over
    /// `DashboardData.maxChangeBytes` (here, dates that are such arrays too).
    @Test func hearingsOfHugeValuesDoNotReachTheOverview() throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("server")
        try FileManager.default.createDirectory(
            atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let store = try ServerStore(path: data + "/renkei.sqlite")
        let writer = ReplicaID.random()
        let osaka = try Scope(validating: "271004")
        func change(_ record: String, _ field: String, _ value: JSONValue, scope: Scope = osaka) throws -> Change {
            var register = Register()
            return Change(
                key: try RecordKey(validating: "hearings", record: record, field: field), scope: scope,
                version: register.write(value, by: writer, user: "seed", at: UnixTime.milliseconds()))
        }
        // 240 KB of canonical JSON each: 160 hearings hold 38 MB, 40 of them in their dates.
        let huge = JSONValue.array(Array(repeating: .array([]), count: 80_000))
        for batch in 0..<16 {
            _ = try store.apply(
                try (0..<10).flatMap { index in
                    let record = RecordID.timeOrdered()
                    return [try change(record, "summary", huge)]
                        + (batch % 4 == 0 ? [try change(record, "date", huge)] : [])
                        + (index == 0 ? [try change(record, "municipality", "271004")] : [])
                })
        }
        _ = try store.apply([
            try change(RecordID.timeOrdered(), "date", "2026-06-01", scope: try Scope(validating: "271403"))
        ])
        let server = try ServerProcess(dataDirectory: data)
        let (client, cookie, pid, start) = try Self.advisorSignedIn(to: server)
        let began = Date()
        let overview = try client.send("GET", "/", headers: [("Cookie", cookie)], timeoutMilliseconds: 60_000)
        let seconds = Date().timeIntervalSince(began)
        #expect(overview.status == 200, "\(overview.head)")
        let end = try #require(Self.peakMiB(pid))
        print(
            "dashboard with 38 MB of hearing values: \(Self.format(seconds)) s, VmHWM +\(Self.format(end - start)) MiB")
        #expect(end - start < 32, "peak resident memory grew \(end - start) MiB")
    }

    static func format(_ number: Double) -> String { String(format: "%.1f", number) }

    /// The advisor signed in to `server`'s dashboard: the client, its session cookie, and the
    /// server's process id and peak resident size (MiB) before any page.
    static func advisorSignedIn(to server: ServerProcess) throws -> (
        client: HTTPTestClient, cookie: String, pid: Int32, startMiB: Double
    ) {
        let token = try server.token(for: "advisor", role: "advisor")
        let process = try #require(Self.pid(ofServerOn: server.dataDirectory), "the server's process")
        let start = try #require(Self.peakMiB(process))
        let client = HTTPTestClient(port: server.port)
        let signIn = try client.send(
            "POST", "/login", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array("token=\(token)".utf8))
        let cookie = try #require(DashboardSecurityTests.cookie(signIn), "\(signIn.head)")
        return (client, cookie, process, start)
    }

    /// Writes the published survey (100 required text items and an optional table of notes) and
    /// the municipalities' large answers straight into the server's database, as the advisor's
    /// and staff's pushes would.
    static func seed(database path: String) throws {
        let store = try ServerStore(path: path)
        let ids = (1...items).map { String(format: "Q%03d", $0) }
        let table: JSONValue = [
            "id": "T01", "label": "備考", "type": "table",
            "columns": [["id": "note", "label": "備考", "type": "text"]],
        ]
        let schema: JSONValue = [
            "survey_id": .string(survey), "title": "メモリ試験",
            "sections": [
                [
                    "id": "Q", "title": "設問",
                    "items": .array(
                        ids.map { ["id": .string($0), "label": "回答", "type": "text", "required": true] } + [table]),
                ]
            ],
        ]
        _ = try Questionnaire(json: schema)
        let writer = ReplicaID.random()
        func change(_ collection: String, _ record: String, _ field: String, scope: Scope, _ value: JSONValue)
            throws -> Change
        {
            var register = Register()
            return Change(
                key: try RecordKey(validating: collection, record: record, field: field), scope: scope,
                version: register.write(value, by: writer, user: "seed", at: UnixTime.milliseconds()))
        }
        _ = try store.apply([
            try change("surveys", survey, "status", scope: .shared, "open"),
            try change("surveys", survey, "items", scope: .shared, schema),
        ])
        // 3-byte characters: `answerBytes` of UTF-8.
        let text = JSONValue.string(String(repeating: "回", count: answerBytes / 3))
        for municipality in OsakaMunicipalities.all {
            let scope = try Scope(validating: municipality.code)
            let prefix = "\(survey)/\(municipality.code)/"
            _ = try store.apply(try ids.map { try change("answers", prefix + $0, "value", scope: scope, text) })
            guard municipality.code == hostileMunicipality else { continue }
            for first in stride(from: 1, through: hostileRows, by: 100) {
                _ = try store.apply(
                    try (first..<first + 100).map {
                        try change("answers", prefix + String(format: "T01/r%04d", $0), "note", scope: scope, text)
                    })
            }
        }
    }

    /// The process id of the `renkei-server serve` using `data`, from `/proc/*/cmdline`.
    static func pid(ofServerOn data: String) -> Int32? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry),
                let bytes = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { continue }
            let arguments = bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.first?.hasSuffix("renkei-server") == true, arguments.contains("serve"),
                arguments.contains(data)
            {
                return pid
            }
        }
        return nil
    }

    /// The peak resident size of process `pid` so far (`VmHWM` in `/proc/PID/status`), in MiB.
    static func peakMiB(_ pid: Int32) -> Double? { statusMiB(pid, "VmHWM") }

    /// The resident size of process `pid` now (`VmRSS`), in MiB.
    static func residentMiB(_ pid: Int32) -> Double? { statusMiB(pid, "VmRSS") }

    private static func statusMiB(_ pid: Int32, _ field: String) -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kib / 1024
    }
}
