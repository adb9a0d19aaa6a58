import HTTP1
import Localization
import Reports

/// The local UI's HTML: whole pages with a header (the replica, the menu), built as text with
/// every value escaped. No scripts, nothing from elsewhere: the style sheet is this server's
/// `/style.css`, and the Content-Security-Policy forbids anything else.
enum UIPage {
    /// The policy every answer carries: nothing but this server's style sheet and forms to
    /// itself; no scripts at all, no frames.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// An HTML answer with the fields every page carries.
    static func response(_ status: HTTPStatus, _ html: String, headers extra: [(String, String)] = []) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: HTTPHeaders(
                [
                    ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                    ("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"),
                    ("Referrer-Policy", "same-origin"), ("Content-Security-Policy", contentSecurityPolicy),
                ] + extra),
            body: Array(html.utf8))
    }

    /// `303 See Other` to `location` (after a form is handled, so reloading does not send it again).
    static func redirect(_ location: String) -> HTTPResponse {
        HTTPResponse(
            status: .seeOther, headers: HTTPHeaders([("Location", location), ("Cache-Control", "no-store")]))
    }

    /// A whole page: `title`, the menu (links under `root`, `UIAccess.root`), an optional
    /// notice, then `body`.
    static func page(
        title: String, replica: String, root: String, notice: Notice? = nil, refreshSeconds: Int? = nil,
        _ body: String
    ) -> String {
        var html = "<!DOCTYPE html><html lang=\"\(Language.current.rawValue)\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        if let refreshSeconds { html += "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">" }
        html += "<title>\(escape(title)) - Renkei</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>"
        html += "<header><span class=\"brand\">Renkei</span><span class=\"replica\">\(escape(replica))</span><nav>"
        html += "<a href=\"\(root)/\">\(escape(localized("ui.menu.home")))</a>"
        html += "<a href=\"\(root)/documents\">\(escape(localized("ui.menu.documents")))</a>"
        html += "<a href=\"\(root)/conflicts\">\(escape(localized("ui.menu.conflicts")))</a>"
        html += "<a href=\"\(root)/sync\">\(escape(localized("ui.menu.sync")))</a>"
        html += "</nav></header><main><h1>\(escape(title))</h1>"
        if let notice {
            html += "<p class=\"notice \(notice.kind.rawValue)\" role=\"status\">\(escape(notice.text))</p>"
        }
        return html + body + "</main></body></html>"
    }

    /// A line shown at the top of a page after an action.
    struct Notice {
        enum Kind: String {
            case done, error
        }
        let kind: Kind
        let text: String
    }

    /// A form that posts to `action` with the session's CSRF token.
    static func form(action: String, csrf: String, multipart: Bool = false, id: String? = nil, _ content: String)
        -> String
    {
        let encoding = multipart ? " enctype=\"multipart/form-data\"" : ""
        let identifier = id.map { " id=\"\(escape($0))\"" } ?? ""
        return "<form method=\"post\" action=\"\(escape(action))\"\(encoding)\(identifier)>"
            + "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(csrf))\">" + content + "</form>"
    }

    /// Text as HTML text or an attribute value.
    static func escape(_ text: String) -> String { HTMLText.escaped(text) }

    /// A path segment for a link (`/surveys/<id>`): everything but unreserved characters encoded.
    static func segment(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.append(Character(Unicode.Scalar(byte)))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// The style sheet (`/style.css`): plain, readable at a clerk's desk, printable.
    static let styleSheet = """
        body{font-family:"Yu Gothic UI","Meiryo","Noto Sans CJK JP","IPAGothic",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
        header{background:#0b4f8a;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}
        header .brand{font-weight:bold;font-size:1.2em}header .replica{opacity:.9}
        header nav{display:flex;gap:1em;margin-left:auto}header a{color:#fff}
        main{max-width:70em;margin:1em auto;padding:0 1.2em 3em;background:#fff;border:1px solid #d0d7de;border-radius:6px}
        h1{font-size:1.4em;margin:.8em 0}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #d0d7de}
        table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.35em .6em;text-align:left;vertical-align:top}
        th{background:#eef3f8}td.n{text-align:right}
        .notice{padding:.6em .9em;border-radius:4px}.notice.done{background:#dafbe1}.notice.error{background:#ffebe9}
        .item{margin:1em 0;padding:.7em .9em;border:1px solid #d0d7de;border-radius:6px}
        .item.invalid{border-color:#cf222e;background:#fff8f8}
        .item label.q{display:block;font-weight:bold;margin-bottom:.3em}
        .item .id{color:#57606a;font-weight:normal;margin-right:.4em}
        .required{color:#cf222e;font-size:.85em;margin-left:.4em}
        .hint{color:#57606a;font-size:.9em;margin:.3em 0 0}
        .reason{color:#cf222e;font-weight:bold;margin:.4em 0 0}
        .unit{margin-left:.3em}
        input[type=text],select,textarea{font-size:1em;padding:.25em;border:1px solid #8c959f;border-radius:4px}
        input[type=text]{min-width:16em}textarea{width:100%;min-height:5em}
        button{font-size:1em;padding:.35em 1em;border-radius:4px;border:1px solid #0b4f8a;background:#0b5cad;color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:#0b4f8a}
        progress{width:12em;vertical-align:middle}
        .versions{display:flex;gap:1em;flex-wrap:wrap}.version{flex:1;min-width:14em;border:1px solid #d0d7de;border-radius:6px;padding:.6em}
        .scroll{overflow-x:auto;max-width:100%}.muted{color:#57606a}.actions{margin-top:1.2em;display:flex;gap:.8em;flex-wrap:wrap}
        dl.status{display:grid;grid-template-columns:max-content auto;gap:.3em 1.2em}dl.status dt{font-weight:bold}
        """
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
