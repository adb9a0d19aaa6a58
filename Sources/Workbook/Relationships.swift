/// An OPC relationships part (`_rels/.rels`, `xl/_rels/workbook.xml.rels`): which part each
/// relationship id points to, with targets resolved to ZIP entry names.
struct Relationships {
    /// One `<Relationship>`.
    struct Relationship {
        let id: String
        /// The type URI, e.g. `http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet`.
        let type: String
        /// The target as a ZIP entry name (no leading slash, `.` and `..` resolved), or the
        /// target as written when external.
        let target: String
        /// True for `TargetMode="External"` (a URL, not a part).
        let isExternal: Bool
    }

    /// Every relationship, in document order.
    let all: [Relationship]

    /// Parses `bytes`, the relationships part named `part`, whose targets are relative to the
    /// folder of the part `source` (empty for the package's own `_rels/.rels`).
    init(_ bytes: [UInt8], part: String, source: String) throws(WorkbookError) {
        var scanner = XMLScanner(bytes, part: part)
        var depth = 0
        var all: [Relationship] = []
        let folder = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        while let event = try scanner.next() {
            switch event {
            case .start(let element):
                depth += 1
                guard depth == 2, element.localName == "Relationship" else { continue }
                guard let id = element.attribute("Id"), let target = element.attribute("Target") else {
                    throw .corrupt(entry: part, reason: "a relationship without Id or Target")
                }
                let isExternal = element.attribute("TargetMode") == "External"
                all.append(
                    Relationship(
                        id: id, type: element.attribute("Type") ?? "",
                        target: isExternal ? target : Self.resolve(target, in: folder), isExternal: isExternal))
            case .end:
                depth -= 1
            case .text:
                continue
            }
        }
        self.all = all
    }

    /// The relationship with id `id`, or nil.
    func relationship(id: String) -> Relationship? { all.first { $0.id == id } }

    /// The first internal relationship whose type URI ends in `/` + `name` (`sharedStrings`,
    /// `officeDocument`), whatever the schema version.
    func first(ofType name: String) -> Relationship? {
        all.first { !$0.isExternal && $0.type.hasSuffix("/" + name) }
    }

    /// The relationships part of `part`: `xl/workbook.xml` has `xl/_rels/workbook.xml.rels`.
    static func path(for part: String) -> String {
        var segments = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let file = segments.removeLast()
        return (segments + ["_rels", file + ".rels"]).joined(separator: "/")
    }

    /// The ZIP entry name `target` refers to from `folder`: absolute targets (`/xl/…`) start at
    /// the package root; `.` and `..` segments are resolved (never above the root).
    static func resolve(_ target: String, in folder: String) -> String {
        let joined = target.hasPrefix("/") ? target : folder + "/" + target
        var segments: [Substring] = []
        for segment in joined.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
