/// A native Excel chart (DrawingML) of a report table, drawn under the table: the sheet refers
/// to a drawing, the drawing anchors the chart, and the chart's series refer to the table's
/// cells (with the values cached, so any reader shows it without computing).
struct XLSXChart {
    let sheet: XLSXSheet
    let chart: ReportChart

    static let drawingNamespace = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
    static let drawingMain = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let chartNamespace = "http://schemas.openxmlformats.org/drawingml/2006/chart"

    /// EMUs (English metric units) in a centimetre.
    static let centimetre = 360_000

    /// The chart's size: 24 cm wide; bars 0.45 cm a category (and 0.25 cm more a series) plus
    /// room for the title, axis and legend, at most 80 cm; columns 12 cm high.
    var size: (width: Int, height: Int) {
        let categories = sheet.table.rows.count
        switch chart.kind {
        case .bar:
            let perCategory = 0.45 + 0.25 * Double(max(chart.valueColumns.count - 1, 0))
            // At most 80 cm: a table of hundreds of rows gives a long chart, not an absurd one.
            let height = min(Double(categories) * perCategory + 4, 80)
            return (24 * Self.centimetre, Int(height * Double(Self.centimetre)))
        case .column: return (24 * Self.centimetre, 12 * Self.centimetre)
        }
    }

    func sheetRelationships(_ number: Int) -> String {
        XMLText.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(XMLText.relationshipsNamespace)/drawing" Target="../drawings/drawing\#(number).xml"/>"#
            + "</Relationships>"
    }

    func drawingRelationships(_ number: Int) -> String {
        XMLText.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="\#(XMLText.relationshipsNamespace)/chart" Target="../charts/chart\#(number).xml"/>"#
            + "</Relationships>"
    }

    /// The drawing: the chart anchored two rows under the table's last row, at column A.
    func drawing() -> String {
        let (width, height) = size
        return XMLText.declaration
            + #"<xdr:wsDr xmlns:xdr="\#(Self.drawingNamespace)" xmlns:a="\#(Self.drawingMain)"><xdr:oneCellAnchor>"#
            + "<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>\(sheet.lastDataRow + 1)</xdr:row>"
            + #"<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="\#(width)" cy="\#(height)"/>"#
            + #"<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="\#(XMLText.escaped(chart.title))"/>"#
            + #"<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>"#
            + #"<a:graphic><a:graphicData uri="\#(Self.chartNamespace)">"#
            + #"<c:chart xmlns:c="\#(Self.chartNamespace)" xmlns:r="\#(XMLText.relationshipsNamespace)" r:id="rId1"/>"#
            + "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor></xdr:wsDr>"
    }

    /// Series colours: blue for the prefecture's figures, grey for the national ones.
    static let colours = ["4472C4", "A5A5A5", "ED7D31", "70AD47"]

    /// `'回答'!$B$6:$B$48`.
    func range(column: Int) -> String {
        let letter = XLSXWriter.column(column)
        return
            "\(XLSXSheet.reference(sheet.name))!$\(letter)$\(sheet.firstDataRow):$\(letter)$\(max(sheet.lastDataRow, sheet.firstDataRow))"
    }

    func chartSpace() -> String {
        let table = sheet.table
        let rows = table.rows
        func cell(_ row: [ReportCell], _ column: Int) -> ReportCell {
            row.indices.contains(column) ? row[column] : .empty
        }
        let categories = rows.enumerated().map { index, row in
            #"<c:pt idx="\#(index)"><c:v>\#(XMLText.escaped(cell(row, chart.categoryColumn).text))</c:v></c:pt>"#
        }.joined()
        var series = ""
        for (order, column) in chart.valueColumns.enumerated() {
            let values = rows.enumerated().compactMap { index, row -> String? in
                switch cell(row, column) {
                case .integer(let number): return #"<c:pt idx="\#(index)"><c:v>\#(number)</c:v></c:pt>"#
                case .decimal(let number) where number.isFinite:
                    return #"<c:pt idx="\#(index)"><c:v>\#(number)</c:v></c:pt>"#
                default: return nil
                }
            }.joined()
            let nameCell = "\(XLSXSheet.reference(sheet.name))!$\(XLSXWriter.column(column))$\(sheet.headerRow)"
            series +=
                #"<c:ser><c:idx val="\#(order)"/><c:order val="\#(order)"/>"#
                + "<c:tx><c:strRef><c:f>\(XMLText.escaped(nameCell))</c:f><c:strCache><c:ptCount val=\"1\"/>"
                + "<c:pt idx=\"0\"><c:v>\(XMLText.escaped(table.label(column)))</c:v></c:pt></c:strCache></c:strRef></c:tx>"
                + #"<c:spPr><a:solidFill><a:srgbClr val="\#(Self.colours[order % Self.colours.count])"/></a:solidFill></c:spPr>"#
                + #"<c:invertIfNegative val="0"/>"#
                + #"<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800"/></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>"#
                + #"<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>"#
                + "<c:cat><c:strRef><c:f>\(XMLText.escaped(range(column: chart.categoryColumn)))</c:f>"
                + "<c:strCache><c:ptCount val=\"\(rows.count)\"/>\(categories)</c:strCache></c:strRef></c:cat>"
                + "<c:val><c:numRef><c:f>\(XMLText.escaped(range(column: column)))</c:f>"
                + "<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"\(rows.count)\"/>\(values)</c:numCache>"
                + "</c:numRef></c:val></c:ser>"
        }
        let bar = chart.kind == .bar
        let maximum = chart.maximum.map { #"<c:max val="\#($0)"/>"# } ?? ""
        return XMLText.declaration
            + #"<c:chartSpace xmlns:c="\#(Self.chartNamespace)" xmlns:a="\#(Self.drawingMain)" xmlns:r="\#(XMLText.relationshipsNamespace)">"#
            + #"<c:lang val="ja-JP"/><c:roundedCorners val="0"/><c:chart>"#
            + title(chart.title, size: 1200) + #"<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>"#
            + #"<c:barChart><c:barDir val="\#(bar ? "bar" : "col")"/><c:grouping val="clustered"/><c:varyColors val="0"/>"#
            + series + #"<c:gapWidth val="50"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>"#
            // Bars: the first category on top, as in the table (the value axis then crosses at the end).
            + #"<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="\#(bar ? "maxMin" : "minMax")"/></c:scaling>"#
            + #"<c:delete val="0"/><c:axPos val="\#(bar ? "l" : "b")"/><c:numFmt formatCode="General" sourceLinked="0"/>"#
            + #"<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#
            + #"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>"#
            + #"<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>"#
            + #"<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>\#(maximum)<c:min val="0"/></c:scaling>"#
            + #"<c:delete val="0"/><c:axPos val="\#(bar ? "b" : "l")"/><c:majorGridlines/>"#
            + title(chart.valueAxisTitle, size: 900)
            + #"<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>"#
            + #"<c:crossAx val="1001"/><c:crosses val="\#(bar ? "max" : "autoZero")"/><c:crossBetween val="between"/>"#
            + (countsOnly ? #"<c:majorUnit val="1"/>"# : "") + "</c:valAx>"
            + #"</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>"#
            + #"<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr><a:latin typeface="游ゴシック"/><a:ea typeface="游ゴシック"/></a:defRPr></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>"#
            + "</c:chartSpace>"
    }

    /// Whether every value is a whole number of at most 10 (counts of contracts): the axis then
    /// steps by 1, not by fractions no count has.
    var countsOnly: Bool {
        let values = sheet.table.rows.flatMap { row in
            chart.valueColumns.map { row.indices.contains($0) ? row[$0] : .empty }
        }
        return values.allSatisfy { cell in
            switch cell {
            case .integer(let number): return number <= 10
            case .empty: return true
            default: return false
            }
        }
    }

    /// A chart or axis title of `size` hundredths of a point.
    func title(_ text: String, size: Int) -> String {
        #"<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="\#(size)" b="1"/></a:pPr>"#
            + #"<a:r><a:rPr lang="ja-JP" sz="\#(size)" b="1"/><a:t>\#(XMLText.escaped(text))</a:t></a:r></a:p></c:rich></c:tx>"#
            + #"<c:overlay val="0"/></c:title>"#
    }
}
