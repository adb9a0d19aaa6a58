import Foundation
import HTTP1
import Models
import TestSupport
import Testing

/// `renkei ui` in a real headless Chromium driven through WebDriver (Debian's chromedriver,
/// PyPI's selenium), with JavaScript turned off: a clerk answers B07 and a table row through
/// the forms, a wrong value comes back with its Japanese reason beside the field and nothing
/// written, the sync button sends the answers, and the advisor's report shows them.
@Suite(.serialized) struct LocalUITests {
    /// A running `renkei ui` and the address it printed.
    final class UIProcess {
        let process = Process()
        let url: String
        let port: Int

        init(home: String, language: String = "ja") throws {
            process.executableURL = try CommandRunner.executable("renkei")
            process.arguments = ["--home", home, "ui", "--no-open", "--json"]
            process.environment = ProcessInfo.processInfo.environment.merging(["RENKEI_LANG": language]) { $1 }
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            var line: [UInt8] = []
            while true {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                guard let first = byte.first else { break }
                if first == 0x0A { break }
                line.append(first)
            }
            let json = try JSONValue(parsing: line)
            guard case .object(let members) = json, case .string(let url)? = members["url"],
                case .integer(let port)? = members["port"]
            else { throw Failure(description: "renkei ui printed \(String(decoding: line, as: UTF8.self))") }
            self.url = url
            self.port = Int(port)
        }

        deinit {
            process.terminate()
            process.waitUntilExit()
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Drives Chromium through the clerk's steps; prints one JSON object of what it saw.
    static let clerkScript = """
        import json, sys, time
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.by import By
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import Select, WebDriverWait

        url, survey, shots = sys.argv[1], sys.argv[2], sys.argv[3]
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400", "--lang=ja"]:
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        seen = {}

        def settled(read):
            # Reads from the page, again if the document changed under the read (a navigation
            # that was still settling when the element was found).
            for attempt in range(20):
                try:
                    return read()
                except Exception:
                    if attempt == 19:
                        raise
                    time.sleep(0.2)

        def value(element_id):
            return settled(lambda: driver.find_element(By.ID, element_id).get_attribute("value"))

        def text(selector):
            return settled(lambda: driver.find_element(By.CSS_SELECTOR, selector).text)

        def fill(element_id, typed):
            # Types into an emptied field and checks it holds exactly that (again if not).
            def attempt():
                field = driver.find_element(By.ID, element_id)
                field.clear()
                field.send_keys(typed)
                if field.get_attribute("value") != typed:
                    raise Exception("the field holds " + repr(field.get_attribute("value")))
            settled(attempt)

        def gone(old):
            # Whether `old` left the document. Chromium reports a node of a replaced document
            # either as stale or as "does not belong to the document" (a plain WebDriverException,
            # which expected_conditions.staleness_of lets through).
            def check(_):
                try:
                    old.is_enabled()
                    return False
                except WebDriverException:
                    return True
            return check

        def visit(url):
            # Opens a page and waits until the one before is gone (the same URL again included).
            old = driver.find_element(By.TAG_NAME, "html")
            driver.get(url)
            WebDriverWait(driver, 20).until(gone(old))

        def press(element_id):
            # Clicks a submit button and waits for the page it leads to (the old one goes stale).
            old = driver.find_element(By.TAG_NAME, "html")
            driver.find_element(By.ID, element_id).click()
            WebDriverWait(driver, 20).until(gone(old))

        try:
            driver.get(url)
            base = driver.current_url.rstrip("/")
            seen["home_title"] = driver.title
            driver.save_screenshot(shots + "/ui-home.png")
            visit(base + "/surveys/" + survey + "/sections/2")
            fill("f-B07", "三千")
            press("save")
            seen["wrong_reason"] = text("#item-B07 .reason")
            seen["wrong_notice"] = text(".notice")
            seen["wrong_kept"] = value("f-B07")
            driver.save_screenshot(shots + "/ui-wrong-value.png")
            # Nothing was saved: the page opened again shows the field empty.
            visit(base + "/surveys/" + survey + "/sections/2")
            seen["after_refusal"] = value("f-B07")
            fill("f-B07", "12")
            Select(driver.find_element(By.ID, "f-B01")).select_by_visible_text("はい")
            press("save")
            seen["saved_notice"] = text(".notice")
            seen["saved_value"] = value("f-B07")
            visit(base + "/surveys/" + survey + "/sections/4")
            press("add-D01")
            settled(lambda: Select(driver.find_element(By.ID, "f-D01.r1.category")).select_by_index(1))
            seen["row_category"] = value("f-D01.r1.category")
            fill("f-D01.r1.vendor_name", "株式会社サンプル")
            fill("f-D01.r1.contract_start", "令和6年4月1日")
            fill("f-D01.r1.contract_end", "R11.3.31")
            fill("f-D01.r1.contract_amount_annual", "1,200,000")
            driver.save_screenshot(shots + "/ui-table-row.png")
            press("save")
            seen["row_notice"] = text(".notice")
            seen["row_start"] = value("f-D01.r1.contract_start")
            visit(base + "/sync")
            press("sync")
            for _ in range(100):
                results = driver.find_elements(By.ID, "sync-result")
                if results:
                    break
                time.sleep(0.2)
                visit(base + "/sync")
            seen["sync_result"] = text("#sync-result")
            driver.save_screenshot(shots + "/ui-sync.png")
            visit(base + "/surveys/" + survey)
            driver.save_screenshot(shots + "/ui-survey.png")
        except Exception:
            driver.save_screenshot(shots + "/ui-failed.png")
            reasons = [element.text for element in driver.find_elements(By.CSS_SELECTOR, ".reason")]
            sys.stderr.write(driver.current_url + " " + repr(reasons) + "\\n")
            raise
        finally:
            driver.quit()
        print(json.dumps(seen, ensure_ascii=False))
        """

    @Test func aClerkAnswersThroughTheFormsAndTheAdvisorSeesTheAnswers() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        #expect(try advisor.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        _ = try advisor.sync()
        _ = try tanaka.sync()

        let ui = try UIProcess(home: tanaka.home)
        let shots = ProcessInfo.processInfo.environment["RENKEI_KEEP_SCREENSHOTS"] ?? directory.path("")
        let output = try Python.run(Self.clerkScript, [ui.url, survey, shots], timeout: 180)
        let seen = try JSONValue(parsing: Array(output.utf8))
        func text(_ name: String) -> String {
            if case .object(let members) = seen, case .string(let value)? = members[name] { return value }
            return ""
        }
        #expect(text("home_title") == "ホーム - Renkei")
        #expect(text("wrong_reason").contains("整数"), "the Japanese reason: \(text("wrong_reason"))")
        #expect(text("wrong_notice").contains("何も保存していません"))
        #expect(text("wrong_kept") == "三千", "the wrong value stays in the field to be fixed")
        #expect(text("after_refusal") == "", "nothing was written")
        #expect(text("saved_notice").contains("保存しました"), "\(text("saved_notice"))")
        #expect(text("saved_value") == "12")
        #expect(text("row_notice").contains("保存しました"), "\(text("row_notice"))")
        #expect(text("row_start") == "2024-04-01", "令和6年4月1日 stored as a date")
        #expect(text("sync_result").contains("送信"), "\(text("sync_result"))")

        // What the form wrote is what the CLI reads, and it reached the advisor.
        let local = try tanaka.run(["get", "answers", "\(survey)/271004/B07", "value"])
        #expect(local.stdout.contains("12"), "\(local.stdout)")
        _ = try advisor.sync()
        let report = try advisor.run(["report", "survey", survey, "--format", "csv", "-o", directory.path("r.csv")])
        #expect(report.status == 0, "\(report.stderr)")
        let rows = try String(contentsOfFile: directory.path("r.csv"), encoding: .utf8)
        let osaka = rows.split(separator: "\n").first { $0.contains("271004") } ?? ""
        #expect(osaka.contains(",12,") || osaka.hasSuffix(",12"), "\(osaka)")
        let table = try String(contentsOfFile: directory.path("r-D01.csv"), encoding: .utf8)
        #expect(table.contains("株式会社サンプル") && table.contains("2029-03-31"), "\(table)")
    }

    /// What an outside review tried against `renkei ui`, through the real program: each attack's
    /// effect is checked in the replica, not only the status.
    @Test func whatOthersOnThisMachineOrTheWebSendAchievesNothing() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        // A survey whose texts carry markup (the advisor's, received by sync).
        var schema = try String(contentsOfFile: SurveyEndToEndTests.examplePath, encoding: .utf8)
        schema = schema.replacingOccurrences(
            of: "DX推進担当課室等の職員数", with: "<script>alert(1)</script><img src=x onerror=alert(2)>職員数")
        let hostile = directory.path("hostile.json")
        try schema.write(toFile: hostile, atomically: true, encoding: .utf8)
        #expect(try advisor.run(["survey", "publish", hostile]).status == 0)
        _ = try advisor.sync()
        _ = try tanaka.sync()
        let ui = try UIProcess(home: tanaka.home)
        let client = HTTPTestClient(port: UInt16(ui.port))
        let host = "127.0.0.1:\(ui.port)"
        let linkPath = String(ui.url.dropFirst("http://\(host)".count))

        // Another name for 127.0.0.1 (DNS rebinding): refused before anything else.
        #expect(try client.send("GET", linkPath, host: "evil.example:\(ui.port)").status == 421)
        // Without the pages' key, nothing; a large body is refused from its head, unread.
        let blind = try client.send(
            "POST", "/documents", headers: [("Content-Type", "multipart/form-data; boundary=x")],
            body: Array(repeating: 0x41, count: 1_000_000), host: host)
        #expect(blind.status == 403)
        client.close()
        // The link opens the pages once; a second use (a copied link) gets nothing.
        let opened = try client.send("GET", linkPath, host: host)
        #expect(opened.status == 303)
        let root = (opened.header("Location") ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        #expect(root.hasPrefix("k/") && root.count == 34, "\(root)")
        #expect(try client.send("GET", linkPath, host: host).status == 403)
        #expect(try client.send("GET", "/k/\(String(repeating: "0", count: 32))/", host: host).status == 403)
        #expect(opened.header("Set-Cookie") == nil, "no cookie: every port of 127.0.0.1 would receive it")

        // Another user of the PC holds every connection with heads that never end (all from
        // 127.0.0.1, so no per-address cap tells them apart): the owner's pages still open.
        let flood = (0..<80).compactMap { _ -> Socket? in
            let socket = try? Socket.connect(host: "127.0.0.1", port: UInt16(ui.port))
            try? socket?.sendAll(Array("GET / HTTP/1.1\r\n".utf8))
            return socket
        }
        defer { flood.forEach { $0.close() } }
        let owner = HTTPTestClient(port: UInt16(ui.port))
        #expect(try owner.send("GET", "/\(root)/", host: host).status == 200, "the owner is not locked out")
        owner.close()

        // Markup from the survey is shown as text.
        let form = try client.send("GET", "/\(root)/surveys/\(survey)/sections/2", host: host)
        #expect(form.status == 200 && form.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!form.text.contains("<script") && !form.text.contains("<img src=x"))
        #expect(form.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
        let csrf = form.text.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.prefix(32) ?? ""
        func post(_ fields: String, headers: [(String, String)] = []) throws -> HTTPTestClient.Answer {
            try client.send(
                "POST", "/\(root)/surveys/\(survey)/sections/2",
                headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
                body: Array(fields.utf8), host: host)
        }
        func heldB07() throws -> String {
            try tanaka.run(["get", "answers", "\(survey)/271004/B07", "value"]).stdout
        }
        // A form without the token, or sent from another site's page, writes nothing.
        #expect(try post("a.B07=99&action=save").status == 403)
        #expect(
            try post("csrf=\(csrf)&a.B07=98&action=save", headers: [("Origin", "http://evil.example")]).status == 403)
        #expect(
            try post("csrf=\(csrf)&a.B07=97&action=save", headers: [("Sec-Fetch-Site", "cross-site")]).status == 403)
        #expect(!(try heldB07()).contains("9"), "nothing written")
        // A value the server would refuse (over its size limit) is refused here, with the reason.
        let long = String(repeating: "あ", count: 23_000)
        let tooLarge = try client.send(
            "POST", "/\(root)/surveys/\(survey)/sections/1",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: Array(
                "csrf=\(csrf)&a.A01=\(long.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)".utf8),
            host: host)
        #expect(tooLarge.status == 422 && tooLarge.text.contains("id=\"reason-A01\""))
        #expect(try tanaka.run(["get", "answers", "\(survey)/271004/A01", "value"]).stdout.isEmpty)
        #expect(try tanaka.run(["status", "--offline", "--json"]).stdout.contains("\"pending\":0"))
        // The server's size limit holds on every local path (here `put`), before the outbox.
        let huge = try tanaka.run([
            "put", "answers", "\(survey)/271004/A01", "value", "\"" + long + "\"",
        ])
        #expect(huge.status == 65 && huge.stderr.contains("64 KiB"), "\(huge.stderr.prefix(300))")
        // The honest form still works.
        #expect(try post("csrf=\(csrf)&a.B07=12&action=save").status == 303)
        #expect(try heldB07().contains("12"))

        // Uploads: a name with `;` is kept whole; a name that reorders its text is refused.
        func upload(_ name: String) throws -> HTTPTestClient.Answer {
            let body =
                "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nhello\r\n--b--\r\n"
            return try client.send(
                "POST", "/\(root)/documents", headers: [("Content-Type", "multipart/form-data; boundary=b")],
                body: Array(body.utf8), host: host)
        }
        #expect(try upload("報告;2025年度.xlsx").status == 303)
        #expect(try upload("rtl\u{202E}txt.exe").status == 303)
        let listed = try tanaka.run(["docs", "ls", "--json"]).stdout
        #expect(listed.contains("報告;2025年度.xlsx"), "\(listed)")
        #expect(!listed.contains("txt.exe"), "\(listed)")
    }
}
