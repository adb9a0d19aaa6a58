import Foundation
import Localization

/// A shared file as the `documents` collection holds it: one register per document
/// (`documents/<uuid>/file`), whose value names the content by SHA-256. The bytes live in the
/// blob store; this record is what syncs, merges and is listed.
///
/// Wire value:
/// ```json
/// {"name":"議事録.docx","folder":"hearings/2026","sha256":"<64 hex>","size":48213,
///  "media_type":"application/vnd.openxmlformats-officedocument.wordprocessingml.document","note":""}
/// ```
/// Writing `null` deletes the document. Because the whole value is one register, two offices
/// replacing the same document concurrently keep both versions as a conflict (both blobs stay
/// downloadable); nothing is overwritten silently.
public struct Document: Hashable, Sendable {
    /// The document's name, e.g. `議事録.docx`: NFC, no `/`, `\` or control characters, not
    /// `.` or `..` (`DocumentPath.checkSegment`).
    public var name: String
    /// Folder path, segments joined by `/` ("" for the top), each segment following the name rules.
    public var folder: String
    /// SHA-256 of the content, 64 lowercase hexadecimal digits.
    public var sha256: String
    /// Content size in bytes.
    public var size: Int64
    /// IANA media type, e.g. `application/pdf`.
    public var mediaType: String
    /// Free text for people ("" when none).
    public var note: String

    public static let collection = CollectionName.documents
    public static let field = "file"
    static let members: Set<String> = ["name", "folder", "sha256", "size", "media_type", "note"]

    public init(name: String, folder: String, sha256: String, size: Int64, mediaType: String, note: String) {
        self.name = name
        self.folder = folder
        self.sha256 = sha256
        self.size = size
        self.mediaType = mediaType
        self.note = note
    }

    /// Why a write of `value` to the field `field` of a document would be refused, nil when it
    /// is a document's register: the field `file`, holding a document value or `null` (deleted).
    /// The server refuses such a change alone (the rest of its batch applies); the client
    /// refuses to write it, so it never waits in the outbox.
    public static func problem(field: String, value: JSONValue, in language: Language = .english) -> String? {
        guard field == Self.field else {
            let values = ["field": Printable.quoted(field), "expected": Self.field]
            return localized("document.problem.field", values, in: language)
        }
        guard value != .null else { return nil }
        do {
            _ = try Document(json: value, path: "value")
            return nil
        } catch {
            return error.description(in: language)
        }
    }

    /// The register key of document `id`.
    public static func key(id: String) throws(ModelError) -> RecordKey {
        try RecordKey(validating: collection, record: id, field: field)
    }

    /// Reads and checks a document value, naming the offending member in errors.
    public init(json: JSONValue, path: String) throws(ModelError) {
        let object = try WireObject(json, path: path)
        try object.finish(known: Self.members)
        name = try object.string("name")
        folder = try object.string("folder")
        sha256 = try object.string("sha256")
        size = try object.int64("size")
        mediaType = try object.string("media_type")
        note = try object.string("note")
        try object.checked("name") { () throws(ModelError) in try DocumentPath.checkSegment(name, part: "name") }
        try object.checked("folder") { () throws(ModelError) in try DocumentPath.checkFolder(folder) }
        guard Self.isHash(sha256) else {
            throw .invalidField(path: object.path(of: "sha256"), reason: "expected 64 lowercase hexadecimal digits")
        }
        guard size >= 0 else { throw .invalidField(path: object.path(of: "size"), reason: "must be 0 or more") }
        guard mediaType.utf8.count <= 255, !mediaType.unicodeScalars.contains(where: DocumentPath.isControl) else {
            throw .invalidField(path: object.path(of: "media_type"), reason: "must be a media type such as text/plain")
        }
        guard note.utf8.count <= 4096 else {
            throw .invalidField(path: object.path(of: "note"), reason: "must be at most 4,096 bytes")
        }
    }

    public var json: JSONValue {
        [
            "name": .string(name), "folder": .string(folder), "sha256": .string(sha256), "size": .integer(size),
            "media_type": .string(mediaType), "note": .string(note),
        ]
    }

    /// `folder/name`, or `name` at the top.
    public var path: String { folder.isEmpty ? name : "\(folder)/\(name)" }

    /// Whether `text` is 64 lowercase hexadecimal digits (a SHA-256 as blobs are named).
    public static func isHash(_ text: String) -> Bool {
        text.utf8.count == 64
            && text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }
}

/// The naming rules of document names and folders. Names are data: they never become paths on
/// the server, and a client writes a document to disk under a sanitized name; these rules only
/// keep names unambiguous (a `/` would read as a folder) and printable.
///
/// The reasons of the errors are in `language`: English by default, as the server sends them in
/// its answers (through `Document(json:path:)`); the CLI passes `Language.current` for the names
/// and folders people type.
public enum DocumentPath {
    /// Largest name segment, in UTF-8 bytes (common file systems allow 255).
    public static let maxSegmentBytes = 255
    /// Largest folder path, in UTF-8 bytes.
    public static let maxFolderBytes = 1024

    /// Checks one name or folder segment.
    public static func checkSegment(_ text: String, part: String, in language: Language = .english)
        throws(ModelError)
    {
        guard !text.isEmpty, text.utf8.count <= maxSegmentBytes else {
            throw .invalidKey(
                part: part, value: text,
                reason: localized("document.name.length", ["max": maxSegmentBytes], in: language))
        }
        guard text != ".", text != ".." else {
            throw .invalidKey(part: part, value: text, reason: localized("document.name.dots", in: language))
        }
        if text.unicodeScalars.contains(where: { $0 == "/" || $0 == "\\" }) {
            throw .invalidKey(part: part, value: text, reason: localized("document.name.separator", in: language))
        }
        if text.unicodeScalars.contains(where: isControl) {
            throw .invalidKey(part: part, value: text, reason: localized("document.name.control", in: language))
        }
        if text.unicodeScalars.contains(where: isDirectionControl) {
            throw .invalidKey(part: part, value: text, reason: localized("document.name.direction", in: language))
        }
        // Compared by bytes: Swift's `==` treats NFC and NFD as equal.
        guard text.utf8.elementsEqual(text.precomposedStringWithCanonicalMapping.utf8) else {
            throw .invalidKey(part: part, value: text, reason: localized("document.name.nfc", in: language))
        }
    }

    /// Checks a folder path: "" or segments joined by single `/`.
    public static func checkFolder(_ folder: String, in language: Language = .english) throws(ModelError) {
        if folder.isEmpty { return }
        guard folder.utf8.count <= maxFolderBytes else {
            throw .invalidKey(
                part: "folder", value: folder,
                reason: localized("document.folder.length", ["max": maxFolderBytes], in: language))
        }
        for segment in folder.split(separator: "/", omittingEmptySubsequences: false) {
            guard !segment.isEmpty else {
                throw .invalidKey(
                    part: "folder", value: folder, reason: localized("document.folder.slashes", in: language))
            }
            try checkSegment(String(segment), part: "folder", in: language)
        }
    }

    /// A folder as people type it (`/報告/2026/`, NFD, backslashes) in the stored form
    /// (`報告/2026`, NFC), or an error for `.`/`..` segments and control characters.
    public static func normalizedFolder(_ text: String, in language: Language = .english) throws(ModelError) -> String {
        let segments = text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0 == "/" || $0 == "\\" }).map(String.init)
        let folder = segments.joined(separator: "/")
        try checkFolder(folder, in: language)
        return folder
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Characters that reorder the text around them (Unicode bidirectional controls): in a name
    /// they can show `報告‮xslx.exe` as `報告exe.xlsx`, hiding what the file is.
    static func isDirectionControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
