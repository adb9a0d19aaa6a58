import Reports
import Testing

/// Text staff wrote reaches spreadsheets and Markdown readers: CSV fields that a spreadsheet
/// would run as formulas are defused (OWASP CSV injection), and Markdown shows HTML, links and
/// formatting as the literal text that was typed.
@Suite struct OutputEscapingTests {
    // MARK: CSV

    @Test func csvDefusesLeadingTabAndCarriageReturnAsWellAsFormulaCharacters() throws {
        let table = ReportTable(
            name: "t", columns: ["\tヘッダ"],
            rows: [
                [.text("\t=1+1")], [.text("\rcmd")], [.text("\r\n@SUM(A1)")], [.text("=1+1")], [.text("+1")],
                [.text("-1")], [.text("@x")], [.text("a\tb")], [.text("通常の文字列")], [.integer(-5)],
                [.decimal(-1e300)], [.bigInteger(-Int128(Int64.max) * 2)],
            ])
        let lines = CSVWriter.text(table).components(separatedBy: "\r\n")
        #expect(
            Array(lines.prefix(3))
                == ["'\tヘッダ", "'\t=1+1", "\"'\rcmd\""])
        // A field starting with CR LF is one `Character`; it is caught all the same.
        #expect(CSVWriter.text(table).contains("\"'\r\n@SUM(A1)\""))
        #expect(
            Array(lines.suffix(10))
                == ["'=1+1", "'+1", "'-1", "'@x", "a\tb", "通常の文字列", "-5", "-1e+300", "-18446744073709551614", ""])
    }

    // MARK: Markdown

    @Test func markdownShowsHTMLAndLinksAsTheTextThatWasTyped() {
        let cases: [(String, String)] = [
            ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
            ("[x](javascript:alert(1))", #"\[x\]\(javascript:alert(1))"#),
            ("![画像](http://example.invalid/x.png)", #"!\[画像\]\(http://example.invalid/x.png)"#),
            ("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"),
            ("[参照][1]", #"\[参照\]\[1\]"#),
            ("&lt;b&gt; & &amp;", "&amp;lt;b&amp;gt; &amp; &amp;amp;"),
            ("**太字** *斜体* _強調_ ~~取消~~ `code`", #"\*\*太字\*\* \*斜体\* \_強調\_ \~\~取消\~\~ \`code\`"#),
            ("a|b", #"a\|b"#),
            (#"C:\path\|"#, #"C:\\path\\\|"#),
            ("# 見出し ##", ##"\# 見出し \#\#"##),
            ("$x^2$", #"\$x^2\$"#),
            ("1行目\r\n2行目\n3行目\r4行目", "1行目<br>2行目<br>3行目<br>4行目"),
            ("<\u{301}script>", "&lt;\u{301}script&gt;"),
            ("[\u{301}x](javascript:1)", "\\[\u{301}x\\]\\(javascript:1)"),
        ]
        for (typed, written) in cases {
            #expect(ReportDocument.markdown(title: "t", [table(typed)]).contains("| \(written) |"), "\(typed)")
        }
    }

    @Test func ordinaryTextAndIdentifiersStayAsTheyAre() {
        for text in [
            "大阪市", "DX推進専任部署を設置", "回答率(%)", "vendor_name 業務・システム名", "contract_amount_total", "ICT-BCP",
            "2025-04-01", "-1e+300", "50%", "株式会社サンプル（大阪）", "A.B/C:D;E?F!",
        ] {
            #expect(ReportDocument.markdown(title: "t", [table(text)]).contains("| \(text) |"), "\(text)")
        }
    }

    @Test func noCellCanAddAColumnOrARow() {
        let hostile = ["a|b|c", "x\n| --- |\n| y", #"\|"#, "`|`", "<td>|</td>"]
        let markdown = ReportDocument.markdown(
            title: "# <h1>", [ReportTable(name: "表", columns: ["一", "二"], rows: hostile.map { [.text($0), .empty] })])
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("|") }
        #expect(rows.count == 2 + hostile.count)
        for row in rows {
            // Cell borders: pipes not preceded by a backslash that is itself unescaped.
            var borders = 0
            var escaped = false
            for character in row {
                if character == "\\" && !escaped {
                    escaped = true
                    continue
                }
                if character == "|" && !escaped { borders += 1 }
                escaped = false
            }
            #expect(borders == 3, "\(row)")
        }
        #expect(markdown.hasPrefix(##"# \# &lt;h1&gt;"##))
        #expect(!markdown.contains("<td>") && !markdown.contains("<h1>"))
    }

    @Test func theFAQEscapesQuestionAnswerAndDate() {
        let entry = FAQReport.Entry(
            category: nil, order: 0, question: "<img src=x onerror=alert(1)>",
            answer: "[こちら](javascript:alert(1)) を **参照**",
            municipalityCode: "271004", municipalityName: "大阪市", date: "<b>2025</b>")
        let markdown = FAQReport.markdown(title: "ヒアリング FAQ", [entry])
        #expect(markdown.contains("### Q. &lt;img src=x onerror=alert(1)&gt;\n"))
        #expect(markdown.contains(#"A. \[こちら\]\(javascript:alert(1)) を \*\*参照\*\*"#))
        #expect(markdown.contains("（大阪市・&lt;b&gt;2025&lt;/b&gt;）"))
        #expect(!markdown.contains("<img") && !markdown.contains("](") && !markdown.contains("<b>"))
    }

    func table(_ text: String) -> ReportTable {
        ReportTable(name: "t", columns: ["c"], rows: [[.text(text)]])
    }
}
