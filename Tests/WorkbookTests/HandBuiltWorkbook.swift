/// The parts of a minimal .xlsx file, written out in tests so each can be bent on purpose.
struct HandBuiltWorkbook {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    /// Sheet names, `state` attributes and `<sheetData>` contents, in tab order.
    var sheets: [(name: String, state: String?, sheetData: String)]
    /// The `<sst>` contents, or nil for no shared strings part.
    var sharedStrings: String? = nil
    var date1904 = false

    /// Every part by entry name (`[Content_Types].xml` left out: the reader does not need it).
    var parts: [(name: String, text: String)] {
        var parts: [(String, String)] = [
            (
                "_rels/.rels",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(Self.relationshipType)officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """
            ),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(
                (
                    "xl/worksheets/sheet\(index + 1).xml",
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <worksheet xmlns="\(Self.mainNamespace)"><sheetData>\(sheet.sheetData)</sheetData></worksheet>
                    """
                ))
        }
        if let sharedStrings {
            parts.append(
                (
                    "xl/sharedStrings.xml",
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <sst xmlns="\(Self.mainNamespace)">\(sharedStrings)</sst>
                    """
                ))
        }
        return parts
    }

    var workbook: String {
        let sheetList = sheets.enumerated().map { index, sheet in
            let state = sheet.state.map { " state=\"\($0)\"" } ?? ""
            return "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(Self.mainNamespace)" xmlns:r="\(Self.relationshipsNamespace)">\
            <workbookPr\(date1904 ? " date1904=\"1\"" : "")/><sheets>\(sheetList.joined())</sheets></workbook>
            """
    }

    var workbookRelationships: String {
        var list = sheets.indices.map { index in
            "<Relationship Id=\"rId\(index + 1)\" Type=\"\(Self.relationshipType)worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        if sharedStrings != nil {
            list.append(
                "<Relationship Id=\"rIdS\" Type=\"\(Self.relationshipType)sharedStrings\" Target=\"sharedStrings.xml\"/>"
            )
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(list.joined())</Relationships>
            """
    }

    /// The parts as a ZIP of stored entries, after `change` has edited the list.
    func archive(_ change: (inout [(name: String, text: String)]) -> Void = { _ in }) -> [UInt8] {
        var parts = parts
        change(&parts)
        var zip = ZipBuilder()
        for part in parts { zip.store(part.name, part.text) }
        return zip.bytes()
    }

    /// One sheet named `name` holding `sheetData`.
    static func single(_ sheetData: String, sharedStrings: String? = nil, name: String = "回答") -> HandBuiltWorkbook {
        HandBuiltWorkbook(sheets: [(name, nil, sheetData)], sharedStrings: sharedStrings)
    }
}
