import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncProtocol
import SyncStorage

/// `renkei docs …`: documents shared with the prefecture's file store. The record (name,
/// folder, hash, size) syncs like any other; the file waits in the local cache and is uploaded
/// at the next sync, before its record is pushed.
struct DocsCommand: ReplicaVerbs {
    let home: ReplicaHome
    let store: ReplicaStore

    /// Opens the replica before the verb reads its arguments.
    init(home: ReplicaHome) throws {
        self.home = home
        store = try home.open()
    }

    // MARK: - put

    func put(_ arguments: inout ArgumentList) throws {
        let folderText = try arguments.option(ClientOptions.folder) ?? ""
        let nameText = try arguments.option(ClientOptions.name)
        let scopeText = try arguments.option(ClientOptions.documentScope)
        let note = (try arguments.option(ClientOptions.note) ?? "").precomposedStringWithCanonicalMapping
        let json = arguments.flag(ClientOptions.json)
        let path = try arguments.positional("FILE")
        try arguments.finish()

        let folder: String
        do { folder = try DocumentPath.normalizedFolder(folderText, in: Language.current) } catch {
            throw UsageError("--folder: \(error)")
        }
        let name = (nameText ?? URL(fileURLWithPath: path).lastPathComponent).precomposedStringWithCanonicalMapping
        do { try DocumentPath.checkSegment(name, part: "name", in: Language.current) } catch {
            throw UsageError(nameText == nil ? localized("docs.put.name.choose", ["error": error]) : "\(error)")
        }
        let scope = try Self.scope(scopeText, store: store)
        let shared = try share(fileAt: path, folder: folder, name: name, scope: scope, note: note)
        if json {
            print(
                JSONValue.object([
                    "id": .string(shared.id), "scope": .string(scope.description), "path": .string(shared.path),
                    "sha256": .string(shared.sha256), "size": .integer(shared.size),
                    "new_version": .bool(shared.isNewVersion),
                ]).canonicalText)
        } else {
            let values: [String: Any] = [
                "path": shared.path, "size": TransferProgressPrinter.bytes(shared.size), "scope": scope,
                "id": shared.id,
            ]
            print(
                shared.isNewVersion
                    ? localized("docs.put.stored.new.version", values) : localized("docs.put.stored", values))
            print(localized("docs.put.upload.next"))
        }
    }

    /// A document `share` stored.
    struct SharedDocument {
        let id: String
        let path: String
        let sha256: String
        let size: Int64
        /// Whether it replaced a document at the same path and scope (as its new version).
        let isNewVersion: Bool
    }

    /// Stores the file at `path` as the document `folder/name` of `scope` (a new version of the
    /// document already there, if any): the file goes into the local cache and is uploaded at
    /// the next sync, its record is written now, as the replica's user may write `scope`.
    func share(fileAt path: String, folder: String, name: String, scope: Scope, note: String) throws -> SharedDocument {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw CommandFailure(localized("docs.put.no.file", ["path": Printable.quoted(path)]), status: .noInput)
        }
        let cache = try home.blobCache()
        let stored: (hash: String, size: Int64)
        do { stored = try cache.ingest(fileAt: path) } catch {
            throw CommandFailure(
                localized("docs.put.cannot.store", ["path": Printable.quoted(path), "error": error]), status: .noInput)
        }
        let document = Document(
            name: name, folder: folder, sha256: stored.hash, size: stored.size, mediaType: MediaType.of(name: name),
            note: note)
        // Same folder, name and scope: a new version of that document, not a second one.
        let existing = try DocumentEntry.all(store: store).first { entry in
            entry.scope == scope && entry.current.contains { $0.document.path == document.path }
        }
        let id = existing?.id ?? RecordID.timeOrdered()
        let user = try store.setting(.user) ?? "unknown"
        try store.permittedWrite(document.json, to: try Document.key(id: id), scope: scope, user: user)
        return SharedDocument(
            id: id, path: document.path, sha256: stored.hash, size: stored.size, isNewVersion: existing != nil)
    }

    /// `--scope`, else the replica's own scope (a municipality's, or `shared` for the advisor).
    static func scope(_ text: String?, store: ReplicaStore) throws -> Scope {
        let chosen = try text ?? store.setting(.scope) ?? "shared"
        do { return try Scope(validating: chosen) } catch { throw UsageError("--scope: \(error)") }
    }

    // MARK: - ls

    func list(_ arguments: inout ArgumentList) throws {
        let folderText = try arguments.option(ClientOptions.folderFilter)
        let scopeText = try arguments.option(ClientOptions.scopeFilter)
        let json = arguments.flag(ClientOptions.json)
        try arguments.finish()
        let folder = try folderText.map { text throws -> String in
            do { return try DocumentPath.normalizedFolder(text, in: Language.current) } catch {
                throw UsageError("--folder: \(error)")
            }
        }
        let scope = try scopeText.map { text throws -> Scope in
            do { return try Scope(validating: text) } catch { throw UsageError("--scope: \(error)") }
        }
        let entries = try DocumentEntry.all(store: store).filter { entry in
            (scope.map { entry.scope == $0 } ?? true)
                && (folder.map { wanted in
                    entry.document.folder == wanted || entry.document.folder.hasPrefix(wanted + "/") || wanted.isEmpty
                } ?? true)
        }.sorted { ($0.document.path, $0.id) < ($1.document.path, $1.id) }
        if json {
            print(JSONValue.array(entries.map(\.json)).canonicalText)
            return
        }
        if entries.isEmpty {
            print(localized("docs.list.none"))
            return
        }
        for entry in entries {
            let version = entry.current[0].version
            var line =
                "\(entry.id)  \(entry.scope)  \(entry.document.path)  \(TransferProgressPrinter.bytes(entry.document.size))  \(Self.time(version.at))  \(version.user)"
            if entry.isConflicted {
                line += localized("docs.list.conflict", ["count": entry.current.count, "id": entry.id])
            }
            print(line)
        }
    }

    /// Japan time with its zone, e.g. `2026-11-23 14:02 JST`.
    static func time(_ milliseconds: Int64) -> String { JapanTime.marked(milliseconds) }

    // MARK: - rm, history

    func remove(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let reference = try arguments.positional("ID|PATH")
        try arguments.finish()
        let entry = try DocumentEntry.find(reference, store: store)
        let user = try store.setting(.user) ?? "unknown"
        try store.permittedWrite(.null, to: try Document.key(id: entry.id), scope: entry.scope, user: user)
        if json {
            print(
                JSONValue.object([
                    "id": .string(entry.id), "path": .string(entry.document.path),
                    "scope": .string(entry.scope.description),
                ]).canonicalText)
            return
        }
        print(localized("docs.removed", ["path": entry.document.path, "id": entry.id]))
    }

    func history(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let proxy = try ProxySettings.resolve(&arguments)
        let reference = try arguments.positional("ID|PATH")
        try arguments.finish()
        let entry = try DocumentEntry.find(reference, store: store)
        let remote = remoteHistory(of: entry, store: store, proxy: proxy)
        let versions = try entry.history(store: store, remote: remote?.changes)
        if json {
            // The array stays what scripts read; that older versions were left out goes beside it.
            if remote?.truncated == true { Terminal.printError(localized("docs.history.truncated")) }
            print(
                JSONValue.array(
                    versions.enumerated().map { index, item in
                        var members: [String: JSONValue] = [
                            "version": .integer(Int64(index + 1)), "user": .string(item.version.user),
                            "replica": .string(item.version.author.hex), "at": .integer(item.version.at),
                            "current": .bool(item.isCurrent), "deleted": .bool(item.document == nil),
                        ]
                        if case .object(let fields)? = item.document?.json {
                            members.merge(fields) { first, _ in first }
                        }
                        return .object(members)
                    }
                ).canonicalText)
            return
        }
        print(localized("docs.history.title", ["id": entry.id, "scope": entry.scope]))
        for (index, item) in versions.enumerated() {
            let what =
                item.document.map {
                    "\($0.path)  \(TransferProgressPrinter.bytes($0.size))  sha256 \($0.sha256.prefix(12))…"
                } ?? localized("docs.history.removed")
            let mark =
                item.isCurrent
                ? (entry.isConflicted ? localized("docs.history.current.conflict") : localized("docs.history.current"))
                : ""
            let line: [String: Any] = [
                "number": index + 1, "time": Self.time(item.version.at), "user": item.version.user,
                "replica": item.version.author.hex.prefix(8), "what": what, "mark": mark,
            ]
            print(localized("docs.history.line", line))
        }
        if remote == nil { print(localized("docs.history.offline")) }
        if remote?.truncated == true { print(localized("docs.history.truncated")) }
        print(localized("docs.history.get", ["id": entry.id]))
    }
}
