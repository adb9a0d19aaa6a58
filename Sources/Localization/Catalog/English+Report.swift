extension MessageCatalog {
    /// English messages: Report.
    static let englishReport: [String: String] = [
        // renkei report: help
        "report.summary": "Consolidated tables and reports for the prefecture (CSV, Excel, Word, JSON, Markdown)",
        "report.overview":
            "Consolidated reports for the prefecture, from the data in this replica (sync first to include the latest answers). Works offline.",
        "report.survey.summary":
            "One row per municipality (the 43 of Osaka, and any other that answered), one column per item: choices as their Japanese labels, money in yen, dates as dates, missing answers empty, conflicts marked 【競合】 with every value. Each table item becomes a table of its own, one row per table row.",
        "report.progress.summary":
            "Per municipality: share of required items answered, errors, open conflicts, when its answers last changed; prefecture-wide counts per choice (e.g. how many municipalities appointed a CIO, number and %) and totals of numbers.",
        "report.progress.notes":
            "--compare national puts the national rate of the matching group beside each share, for items whose schema names their national topic (\"national\": {\"topic\": \"cio_appointed\", \"answers\": {\"yes\": \"任命している\"}}); the figures are the 令和5年度 national survey summary (Examples/data/national_dx_survey_r5.csv). Shares are of every municipality of the group, answered or not. In Excel the completion per municipality and the national comparison are also charts, each under its table on a page of its own.",
        "report.systems.summary":
            "The system inventories (基幹系 and 内部系): when contracts end per 業務 and fiscal year (和暦; which municipalities: the basis for joint procurement), vendors per 業務 (count and %), cost per 業務, per municipality and per inhabitant, and 標準化 migration per 業務.",
        "report.systems.notes":
            "A table item is analysed when it has the columns category (the 業務), vendor_name and contract_end, and contract_amount_annual / contract_amount_total when present (the example survey's D01 and E01); a migration table has fixed rows and migration_month (D03). Populations are those of 令和2年国勢調査 (Examples/data/osaka_municipalities_profile.csv). In Excel the contracts ending per fiscal year are also a chart.",
        "report.compare.summary":
            "Two surveys side by side (last year's and this year's): per item the prefecture-wide change (municipalities answering, totals and means of numbers, counts per choice), and per municipality and item both answers and the change (+3, 変更, 新規, 回答なし).",
        "report.compare.notes":
            "Items match by id and type; table items are left out (their rows are not the same rows across years).",
        "report.hearings.summary":
            "The hearing programme: municipalities heard and when, against the target (15 by the end of July unless told otherwise), the last hearing and the FAQ's due date three weeks after it.",
        "report.hearings.notes":
            "Markdown by default. Hearings come from this replica (the advisor's holds every municipality's).",
        "report.faq.summary":
            "Hearing items flagged as FAQ, grouped by DX-plan focus area, with the municipality and hearing date (Markdown by default).",
        "report.faq.notes":
            "--anonymize is for sharing the FAQ with every municipality: 大阪市 becomes 政令指定都市（人口30万人以上）, a date its month. --publish shares it so (always anonymized) as the document FAQ/ヒアリングFAQ.docx of scope shared: every municipality's replica gets it at its next sync; publishing again makes a new version of the same document. Only the advisor and admins may publish.",
        "report.monthly.summary":
            "The advisor's monthly report (due by the 10th of the next month), as a Word document: inquiries by theme and municipality, consultations with attendance, meetings with the due date of their minutes (2 開庁日) and when they went out, the hearings held, and progress against the plan (hearings against the target, submissions of the open surveys).",
        "report.monthly.notes":
            "Reads the work log (`renkei log …`) and the hearings in this replica. 開庁日 leave out weekends, national holidays (振替休日 and 国民の休日 included) and 12/29 to 1/3. The hearing target is counted from April 1 to July 31 of the month's fiscal year.",
        "report.analysis.summary":
            "The survey analysis report to hand to the prefecture, as a Word document: how the survey was run, the response state by kind of municipality, then each section with a sentence of findings and a table per item, the national rate beside each share, and a summary of the national comparison.",
        "report.analysis.notes":
            "Shares are of every municipality, answered or not, as in report progress; the national rates are those of the items the survey links to the national survey. The Word file has numbered sections, tables with their header row repeated on each page, and page numbers: edit it in Word or LibreOffice before handing it over.",

        // renkei report: usage errors
        "report.group.by.kind": "--group-by takes kind",
        "report.compare.national": "--compare takes national",
        "report.format.must": "--format must be {formats}",
        "report.formats.listed": "{list} or {last}",
        "report.list.separator": ", ",
        "report.encoding.must": "--encoding must be utf-8 or cp932",
        "report.binary.terminal": "an {kind} file is not for the terminal: give -o FILE.{extension}",
        "report.target.range": "--target is a number of municipalities, 1 to 1000",
        "report.by.date": "--by is a date such as 2026-07-31 or 令和8年7月31日",
        "report.today.unknown": "cannot read today's date; give --by DATE",
        "report.month.unknown": "no such month: {month}",
        "report.analysis.format": "--format must be docx or md",
        "report.faq.publish.output":
            "--publish shares the FAQ as a document: leave out -o (renkei docs get fetches it)",
        "report.faq.publish.format": "--publish shares a docx (default) or md file",

        // renkei report faq --publish
        "report.faq.cannot.write": "cannot write the FAQ: {reason}",
        "report.faq.published":
            "Published {path} ({count} FAQ item(s), municipalities named by kind and size) to every municipality.",
        "report.faq.published.new.version":
            "Published {path} ({count} FAQ item(s), municipalities named by kind and size) to every municipality as a new version.",
        "report.faq.published.next":
            "It will be uploaded at the next `renkei sync`; each municipality reads it with `renkei docs get {path}`.",

        // Writing report files
        "report.wrote": "Wrote {path}.",
        "report.wrote.sheets": "Wrote {path} ({count} sheet(s)).",
        "report.csv.more.tables": "{count} more table(s) ({names}): give -o FILE.csv to write them too",
        "report.error.unencodable": "{error}; nothing was written",
        "report.error.cannot.write": "cannot write {path}: {reason}",
        "report.encoding.unavailable": "this system cannot encode {name}",
        "report.encoding.unrepresentable":
            "CP932 cannot hold \"{character}\" ({code}) at line {line}, column {column}; use --encoding utf-8 (Excel opens UTF-8 with BOM too) or change the text",
    ]
}
