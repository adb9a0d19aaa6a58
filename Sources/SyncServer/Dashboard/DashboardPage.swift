import CommandLineSupport
import Foundation
import HTTP1
import Models
import Reports

/// The dashboard's HTML: plain pages with their own styles, no scripts and nothing fetched from
/// elsewhere (it must work on a closed network), Japanese labels, refreshed every 30 s.
enum DashboardPage {
    static let style = """
        body{font-family:sans-serif;margin:1.5em;color:#222}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.5em}
        table{border-collapse:collapse;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .6em;text-align:left}
        th{background:#eef}td.n{text-align:right}td.warn{background:#fdd;font-weight:bold}
        .badge{border-radius:3px;padding:0 4px;font-size:90%}.badge.submitted{background:#dfd}.badge.returned{background:#fed}
        .bar{background:#eee;width:20em;height:1em;display:inline-block;vertical-align:middle}
        .bar span{background:#4a7;height:1em;display:block}.muted{color:#777}form.inline{display:inline}
        """

    /// Fields every dashboard answer carries: no caching, no framing, nothing loaded from
    /// anywhere, forms only to this server.
    static func response(_ status: HTTPStatus, _ html: String, extraHeaders: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: HTTPHeaders(
                [
                    ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                    ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
                    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"),
                ] + extraHeaders),
            body: Array(html.utf8))
    }

    static func page(title: String, refresh: Bool, _ body: String) -> String {
        "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\">"
            + (refresh ? "<meta http-equiv=\"refresh\" content=\"30\">" : "")
            + "<title>\(escape(title))</title><style>\(style)</style></head><body>\(body)</body></html>"
    }

    static func login(message: String? = nil) -> String {
        page(
            title: "Renkei ログイン", refresh: false,
            "<h1>Renkei 同期状況 ログイン</h1>"
                + (message.map { "<p class=\"warn\" id=\"message\">\(escape($0))</p>" } ?? "")
                + "<form method=\"post\" action=\"/login\"><label>トークン <input type=\"password\" name=\"token\" autocomplete=\"off\" size=\"70\"></label> <button type=\"submit\">ログイン</button></form>"
                + "<p class=\"muted\">県の管理者とアドバイザーのトークンで表示できます。</p>")
    }

    static func overview(_ data: DashboardData, user: String, now: Date = Date()) -> String {
        var html = "<h1>Renkei 同期状況</h1>"
        html += "<div class=\"muted\">\(escape(user)) としてログイン中・30秒ごとに自動更新・\(time(now))"
        html +=
            " <form class=\"inline\" method=\"post\" action=\"/logout\"><button type=\"submit\">ログアウト</button></form></div>"
        let synced = data.municipalities.filter { $0.lastSync != nil }.count
        html +=
            "<p id=\"summary\">同期済み団体 <b>\(synced)</b> / \(data.municipalities.count)・アドバイザー等のレプリカ \(data.sharedReplicas)"
            + "・<a href=\"#refusals\">拒否された送信</a>（過去7日間） <b>\(data.refusals.total)</b> 件</p>"
        html +=
            "<table id=\"municipalities\"><thead><tr><th>団体コード</th><th>団体名</th><th>最終同期</th><th>レプリカ数</th><th>未解決の競合</th>"
        for survey in data.surveys {
            html += "<th><a href=\"/surveys/\(escape(survey.id))\">\(escape(survey.title))</a> 回答率</th>"
        }
        html += "<th>文書数</th><th>文書サイズ</th></tr></thead><tbody>"
        for municipality in data.municipalities {
            html +=
                "<tr data-code=\"\(municipality.code)\"><td>\(municipality.code)</td><td>\(escape(municipality.name))</td>"
            html +=
                "<td class=\"last-sync\">\(municipality.lastSync.map(JapanTime.text) ?? "<span class=\"muted\">未同期</span>")</td>"
            html += "<td class=\"n replicas\">\(municipality.replicas)</td>"
            html +=
                "<td class=\"n conflicts\(municipality.conflicts > 0 ? " warn" : "")\">\(municipality.conflicts)</td>"
            for survey in data.surveys {
                let share = municipality.completion[survey.id]
                html += "<td class=\"n completion\">\(share.map(percent) ?? "<span class=\"muted\">未回答</span>")"
                html += "\(stateBadge(municipality.submissions[survey.id] ?? .answering))</td>"
            }
            html +=
                "<td class=\"n documents\">\(municipality.documents)</td><td class=\"n bytes\">\(bytes(municipality.documentBytes))</td></tr>"
        }
        return page(
            title: "Renkei 同期状況", refresh: true,
            html + "</tbody></table>" + hearingSummary(data, now: now) + refusals(data))
    }

    /// One line on the overview: municipalities heard within the programme's standard target,
    /// with a link to the programme's page.
    static func hearingSummary(_ data: DashboardData, now: Date) -> String {
        guard let target = HearingProgramReport.Target.standard(at: Int64(now.timeIntervalSince1970 * 1000)) else {
            return ""
        }
        let today = JapanTime.day(Int64(now.timeIntervalSince1970 * 1000))
        let summary = HearingProgramReport.tables(data.hearings, target: target, faqItems: data.faqItems, today: today)[
            0]
        let heard = summary.rows.first { $0.first == .text("うち期間内に実施") }?.last?.text ?? "0"
        return "<h2>ヒアリング</h2><p id=\"hearing-summary\">\(escape(target.deadline)) までに <b>\(escape(heard))</b> / "
            + "\(target.municipalities) 団体・<a href=\"/hearings\">ヒアリングの進捗</a></p>"
    }

    /// The hearing programme (`HearingProgramReport`, as `renkei report hearings` shows it):
    /// against `target` (`?target=N&by=YYYY-MM-DD`, else 15 by July 31 of this fiscal year).
    static func hearings(_ data: DashboardData, target: HearingProgramReport.Target, now: Date = Date()) -> String {
        let tables = HearingProgramReport.tables(
            data.hearings, target: target, faqItems: data.faqItems,
            today: JapanTime.day(Int64(now.timeIntervalSince1970 * 1000)))
        var html = "<p><a href=\"/\">← 同期状況</a></p><h1>ヒアリングの進捗</h1>"
        html += "<p class=\"muted\">目標は URL で変えられます（例: <code>/hearings?target=20&amp;by=2026-08-31</code>）。</p>"
        html += "<h2>\(escape(tables[0].name))</h2>" + table(tables[0], id: "hearing-progress")
        html += "<h2>\(escape(tables[1].name))</h2>"
        html += tables[1].rows.isEmpty ? "<p class=\"muted\">まだヒアリングはありません。</p>" : table(tables[1], id: "heard")
        return page(title: "ヒアリングの進捗", refresh: true, html)
    }

    /// A report table as HTML: every header and cell escaped, numbers right-aligned.
    static func table(_ table: ReportTable, id: String) -> String {
        var html = "<table id=\"\(id)\"><thead><tr>"
        for column in table.columns { html += "<th>\(escape(column))</th>" }
        html += "</tr></thead><tbody>"
        for row in table.rows {
            html += "<tr>"
            for cell in row {
                switch cell {
                case .integer, .decimal, .bigInteger: html += "<td class=\"n\">\(escape(cell.text))</td>"
                default: html += "<td>\(escape(cell.text))</td>"
                }
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    /// The pushes the server refused in the last 7 days, for the IT staff: per user, newest first,
    /// the count and the latest (time, municipality, reason, address, detail). User names, the
    /// address and the detail (it holds the client's batch name) are escaped; a detail is cut at
    /// `maxDetailCharacters`.
    static func refusals(_ data: DashboardData) -> String {
        let summary = data.refusals
        var html = "<h2>拒否された送信（過去7日間）</h2>"
        guard !summary.users.isEmpty else {
            return html + "<p id=\"refusals\" class=\"muted\">過去7日間に拒否された送信はありません。</p>"
        }
        html +=
            "<p>合計 <b id=\"refusal-total\">\(summary.total)</b> 件・利用者ごとの最新の拒否（新しい順、最大\(DashboardData.refusalRows)人）</p>"
        html +=
            "<table id=\"refusals\"><thead><tr><th>最終日時</th><th>利用者</th><th>団体</th><th>件数</th><th>理由</th><th>送信元</th><th>詳細</th></tr></thead><tbody>"
        let names = Dictionary(data.municipalities.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        for row in summary.users {
            let code = DashboardData.refusalCode(row.last.entry.detail)
            let municipality = row.municipality.map { "\($0) \(names[$0] ?? "")" } ?? "県・アドバイザー"
            let reason =
                refusalLabels[code].map { "\($0)（<code>\(escape(code))</code>）" } ?? "<code>\(escape(code))</code>"
            html += "<tr><td class=\"at\">\(JapanTime.text(row.last.at))</td>"
            html += "<td class=\"user\">\(escape(row.user))</td><td class=\"municipality\">\(escape(municipality))</td>"
            html += "<td class=\"n count\">\(row.count)</td><td class=\"code\">\(reason)</td>"
            html += "<td class=\"peer\">\(escape(row.last.entry.peer))</td>"
            html +=
                "<td class=\"detail\">\(escape(String(row.last.entry.detail.prefix(maxDetailCharacters))))</td></tr>"
        }
        return html + "</tbody></table>"
    }

    /// Longest detail shown for a refused push, in characters.
    static let maxDetailCharacters = 200

    /// Japanese names of the refusal codes IT staff meet most (others show as their code only).
    static let refusalLabels: [String: String] = [
        "forbidden_scope": "権限のない書き込み", "invalid_field": "不正な内容", "malformed_json": "不正なJSON",
        "replica_owned": "他の利用者のレプリカ", "replica_rewound": "古い複製からの送信", "blob_missing": "ファイル未送信",
        "payload_too_large": "大きすぎる送信", "scope_mismatch": "別の範囲の記録",
    ]

    static func survey(_ data: DashboardData, id: String) -> String? {
        guard let survey = data.surveys.first(where: { $0.id == id }) else { return nil }
        var html =
            "<p><a href=\"/\">← 同期状況</a></p><h1>\(escape(survey.title))</h1><table id=\"completion\"><thead><tr><th>団体コード</th><th>団体名</th><th>回答率</th><th>状態</th><th>提出・差戻し日時</th><th>差戻し理由</th></tr></thead><tbody>"
        for municipality in data.municipalities {
            let share = municipality.completion[id] ?? 0
            html +=
                "<tr data-code=\"\(municipality.code)\"><td>\(municipality.code)</td><td>\(escape(municipality.name))</td>"
            html +=
                "<td><span class=\"bar\"><span style=\"width:\(percent(share))\"></span></span> <span class=\"share\">\(percent(share))</span></td>"
            let state = municipality.submissions[id] ?? .answering
            html +=
                "<td class=\"state\">\(state.state == nil ? "<span class=\"muted\">回答中</span>" : stateBadge(state))</td>"
            html +=
                "<td class=\"state-at\">\(state.at.map(JapanTime.text) ?? "")\(state.user.map { " " + escape($0) } ?? "")</td>"
            html += "<td class=\"comment\">\(escape(state.comment ?? ""))</td></tr>"
        }
        return page(title: survey.title, refresh: true, html + "</tbody></table>")
    }

    /// ` <span class="badge submitted">提出済</span>`; nothing while answering.
    static func stateBadge(_ status: SubmissionStatus) -> String {
        guard let state = status.state else { return "" }
        return " <span class=\"badge \(state.rawValue)\">\(status.japaneseLabel)</span>"
    }

    static func message(_ title: String, _ text: String) -> String {
        page(
            title: title, refresh: false,
            "<h1>\(escape(title))</h1><p id=\"message\">\(escape(text))</p><p><a href=\"/login\">ログイン</a></p>")
    }

    /// A share of required items answered (0...1) as a whole percentage, `75%`; a share outside
    /// 0...1 (or NaN) is clamped first, so no value can trap the conversion or widen a bar.
    static func percent(_ share: Double) -> String {
        let clamped = share.isNaN ? 0 : min(max(share, 0), 1)
        return "\(Int((clamped * 100).rounded()))%"
    }

    static func bytes(_ count: Int64) -> String { DisplayFormat.bytes(count) }

    static func time(_ date: Date) -> String {
        JapanTime.text(Int64(date.timeIntervalSince1970 * 1000))
    }

    static func escape(_ text: String) -> String { HTMLText.escaped(text) }
}
