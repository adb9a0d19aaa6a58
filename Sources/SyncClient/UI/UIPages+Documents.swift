import CommandLineSupport
import Foundation
import HTTP1
import Localization
import Models
import Reports
import SyncStorage

/// The documents pages: the list with a form to add a file, one document's versions, and
/// downloads (from this PC's store, fetched from the server first when only the record is here).
extension UIPages {
    func documents(_ query: HTTPFormBody) throws -> HTTPResponse {
        let store = try home.open()
        let entries = try DocumentEntry.all(store: store).sorted { $0.document.path < $1.document.path }
        var notice: UIPage.Notice?
        if let stored = query["stored"] {
            notice = .init(kind: .done, text: localized("ui.docs.stored", ["path": stored]))
        }
        if let problem = query["problem"] { notice = .init(kind: .error, text: problem) }
        var body = UIPage.form(
            action: "\(root)/documents", csrf: csrf, multipart: true, id: "upload",
            "<p><label for=\"file\">\(e(localized("ui.docs.file")))</label> <input type=\"file\" name=\"file\" id=\"file\" required></p>"
                + "<p><label for=\"folder\">\(e(localized("ui.docs.folder")))</label> "
                + "<input type=\"text\" name=\"folder\" id=\"folder\" placeholder=\"議事録/2025\"></p>"
                + "<p><label for=\"note\">\(e(localized("ui.docs.note")))</label> "
                + "<input type=\"text\" name=\"note\" id=\"note\"></p>"
                + "<p><button type=\"submit\">\(e(localized("ui.docs.put")))</button> "
                + "<span class=\"muted\">\(e(localized("ui.docs.put.hint")))</span></p>")
        if entries.isEmpty {
            body += "<p class=\"muted\">\(e(localized("ui.docs.none")))</p>"
        } else {
            body += "<table id=\"documents\"><thead><tr><th>\(e(localized("ui.docs.path")))</th>"
            body += "<th>\(e(localized("ui.docs.size")))</th><th>\(e(localized("ui.docs.updated")))</th>"
            body += "<th>\(e(localized("ui.docs.scope")))</th><th></th></tr></thead><tbody>"
            for entry in entries {
                let latest = entry.current.map(\.version).max { $0.at < $1.at }
                body +=
                    "<tr><td><a href=\"\(root)/document?id=\(UIPage.segment(entry.id))\">\(e(entry.document.path))</a>"
                if entry.isConflicted { body += " <b class=\"reason\">\(e(localized("ui.docs.conflicted")))</b>" }
                body += "</td><td class=\"n\">\(e(DisplayFormat.bytes(entry.document.size)))</td>"
                body += "<td>\(e(latest.map { Self.time($0.at) } ?? ""))\(e(latest.map { " " + $0.user } ?? ""))</td>"
                body += "<td>\(e(entry.scope.description))</td>"
                body +=
                    "<td><a href=\"\(root)/download?id=\(UIPage.segment(entry.id))\">\(e(localized("ui.docs.download")))</a></td></tr>"
            }
            body += "</tbody></table>"
        }
        return UIPage.response(.ok, try shell(localized("ui.docs.title"), notice: notice, body))
    }

    /// One document: its versions as this replica has seen them.
    func document(_ query: HTTPFormBody) throws -> HTTPResponse {
        let store = try home.open()
        guard let id = query["id"], let entry = try DocumentEntry.all(store: store).first(where: { $0.id == id }) else {
            return notFound()
        }
        var body = "<p>\(e(localized("ui.docs.scope"))): \(e(entry.scope.description))</p>"
        body += "<table id=\"history\"><thead><tr><th>#</th><th>\(e(localized("ui.docs.updated")))</th>"
        body +=
            "<th>\(e(localized("ui.docs.path")))</th><th>\(e(localized("ui.docs.size")))</th><th></th></tr></thead><tbody>"
        for (index, item) in try entry.history(store: store).enumerated() {
            body += "<tr><td>\(index + 1)</td><td>\(e(Self.time(item.version.at))) \(e(item.version.user))</td>"
            if let document = item.document {
                body +=
                    "<td>\(e(document.path))\(item.isCurrent ? " <b>\(e(localized("ui.docs.current")))</b>" : "")</td>"
                body += "<td class=\"n\">\(e(DisplayFormat.bytes(document.size)))</td>"
                body += "<td><a href=\"\(root)/download?id=\(UIPage.segment(entry.id))&amp;sha256=\(document.sha256)\">"
                body += "\(e(localized("ui.docs.download")))</a></td>"
            } else {
                body += "<td colspan=\"3\" class=\"muted\">\(e(localized("ui.docs.removed")))</td>"
            }
            body += "</tr>"
        }
        body += "</tbody></table>"
        return UIPage.response(.ok, try shell(entry.document.name, body))
    }

    /// The file of a document (its current version, or the version with `sha256`), as an
    /// attachment; fetched from the server into this PC's store first when it is not there.
    func download(_ query: HTTPFormBody) throws -> HTTPResponse {
        let store = try home.open()
        guard let id = query["id"], let entry = try DocumentEntry.all(store: store).first(where: { $0.id == id }) else {
            return notFound()
        }
        let versions = try entry.history(store: store).compactMap(\.document)
        guard
            let document = query["sha256"].flatMap({ hash in versions.first { $0.sha256 == hash } })
                ?? entry.current.first?.document
        else { return notFound() }
        let cache = try home.blobCache()
        if cache.size(of: document.sha256) != document.size {
            do {
                try DocsCommand(home: home).download(
                    document, into: cache, store: store, proxy: .fromEnvironment, showsProgress: false)
            } catch {
                let text = localized("ui.docs.fetch.failed", ["reason": "\(error)"])
                return UIPage.response(
                    .serviceUnavailable, try shell(document.name, notice: .init(kind: .error, text: text), ""))
            }
        }
        guard let file = try? LocalFile.openForReading(cache.url(for: document.sha256).path) else {
            return notFound()
        }
        var response = HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([
                ("Content-Type", "application/octet-stream"), ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"), ("Content-Security-Policy", "default-src 'none'; sandbox"),
                ("Content-Disposition", Self.attachment(document.name)),
            ]))
        response.file = HTTPFileBody(descriptor: file.detach(), offset: 0, length: document.size)
        return response
    }

    /// Stores a file sent with the form as a document of this replica's scope (a new version
    /// when the folder and name are those of one already here); it is uploaded at the next sync.
    func upload(_ body: HTTPMultipartBody) -> HTTPResponse {
        do {
            guard let file = body["file"], let rawName = file.filename, !rawName.isEmpty else {
                return UIPage.redirect("\(root)/documents?problem=" + Self.queryValue(localized("ui.docs.no.file")))
            }
            let name = rawName.precomposedStringWithCanonicalMapping
            let folder: String
            let note = (body["note"]?.text ?? "").precomposedStringWithCanonicalMapping
            do {
                folder = try DocumentPath.normalizedFolder(body["folder"]?.text ?? "", in: Language.current)
                try DocumentPath.checkSegment(name, part: "name", in: Language.current)
            } catch {
                return UIPage.redirect("\(root)/documents?problem=" + Self.queryValue("\(error)"))
            }
            let staging = home.url.appendingPathComponent("ui-upload-\(UIAccess.randomHex())")
            guard
                FileManager.default.createFile(
                    atPath: staging.path, contents: Data(file.body),
                    attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            defer { try? FileManager.default.removeItem(at: staging) }
            let docs = try DocsCommand(home: home)
            let scope = try DocsCommand.scope(nil, store: docs.store)
            let shared = try docs.share(fileAt: staging.path, folder: folder, name: name, scope: scope, note: note)
            return UIPage.redirect("\(root)/documents?stored=" + Self.queryValue(shared.path))
        } catch {
            return UIPage.redirect("\(root)/documents?problem=" + Self.queryValue("\(error)"))
        }
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): an ASCII fallback and the
    /// real name percent-encoded.
    static func attachment(_ name: String) -> String {
        let ascii = String(
            name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" }
        )
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(UIPage.segment(name))"
    }

    static func queryValue(_ text: String) -> String { UIPage.segment(String(text.prefix(500))) }

    /// `2026-12-01 10:30 JST` for a time in milliseconds since 1970.
    static func time(_ milliseconds: Int64) -> String {
        JapanTime.marked(milliseconds)
    }

    private func e(_ text: String) -> String { UIPage.escape(text) }
}
