/// What `XMLScanner` reads next. An empty element `<a/>` comes as `start` then `end`.
enum XMLEvent: Equatable {
    /// A start tag (or the first half of an empty-element tag).
    case start(XMLElement)
    /// An end tag, by the element's local name (after any `prefix:`).
    case end(String)
    /// Character data with entities and character references replaced, or a CDATA section;
    /// one element's text may come in several pieces (around comments, CDATA, entities).
    case text(String)
}

/// A start tag's name and attributes; namespaces are not resolved, readers match local names.
struct XMLElement: Equatable {
    /// The name as written, with any prefix: `x:sheet`.
    let name: String
    /// The name without its prefix: `sheet`.
    let localName: String
    /// The attributes in document order, names as written, values with references replaced.
    let attributes: [XMLAttribute]

    /// The value of the first attribute whose local name is `localName` (`id` finds `r:id`).
    func attribute(_ localName: String) -> String? {
        attributes.first { $0.localName == localName }?.value
    }
}

/// One attribute of a start tag.
struct XMLAttribute: Equatable {
    /// The name as written, e.g. `r:id`.
    let name: String
    /// The value, entity and character references replaced, literal tabs and line breaks made
    /// spaces (XML attribute-value normalisation).
    let value: String

    /// The name without its prefix: `id` for `r:id`.
    var localName: Substring { XMLElement.localPart(of: name) }
}

extension XMLElement {
    /// The part of a qualified name after its last colon (all of it without a colon).
    static func localPart(of name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return name[...] }
        return name[name.index(after: colon)...]
    }
}
