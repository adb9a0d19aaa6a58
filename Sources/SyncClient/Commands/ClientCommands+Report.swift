import CommandLineSupport
import Models

/// `renkei report …`: consolidated tables for the prefecture.
extension ClientCommands {
    // MARK: - report

    static let report = Command(
        "report", summary: "Consolidated tables and reports for the prefecture (CSV, Excel, Word, JSON, Markdown)",
        overview: """
            Consolidated reports for the prefecture, from the data in this replica (sync first to include the \
            latest answers). Works offline.
            """,
        options: [ReportOptions.output, ReportOptions.encoding],
        verbs: [
            Command(
                "survey",
                summary: """
                    One row per municipality (the 43 of Osaka, and any other that answered), one column per item: \
                    choices as their Japanese labels, money in yen, dates as dates, missing answers empty, \
                    conflicts marked 【競合】 with every value. Each table item becomes a table of its own, one \
                    row per table row.
                    """,
                usage: [
                    "report survey SURVEY [--group-by kind] [--format csv|xlsx|json|md|docx] [-o FILE] [--encoding utf-8|cp932]"
                ],
                options: [ClientOptions.groupBy, ClientOptions.format],
                examples: [
                    "report survey osaka-dx-2025 --format xlsx -o 調査結果.xlsx",
                    "report survey osaka-dx-2025 -o 調査結果.csv --encoding cp932",
                ],
                run: ReportCommand.verb { try $0.survey(&$1) }),
            Command(
                "progress",
                summary: """
                    Per municipality: share of required items answered, errors, open conflicts, when its answers \
                    last changed; prefecture-wide counts per choice (e.g. how many municipalities appointed a CIO, \
                    number and %) and totals of numbers.
                    """,
                usage: [
                    """
                    report progress SURVEY [--group-by kind] [--compare national] [--format csv|xlsx|json|md|docx] [-o FILE] \
                    [--encoding utf-8|cp932]
                    """
                ],
                options: [ClientOptions.groupBy, ClientOptions.compare, ClientOptions.format],
                notes: """
                    --compare national puts the national rate of the matching group beside each share, for items \
                    whose schema names their national topic ("national": {"topic": "cio_appointed", "answers": \
                    {"yes": "任命している"}}); the figures are the 令和5年度 national survey summary \
                    (Examples/data/national_dx_survey_r5.csv). Shares are of every municipality of the group, \
                    answered or not. In Excel the completion per municipality and the national comparison are \
                    also charts, each under its table on a page of its own.
                    """,
                examples: [
                    "report progress osaka-dx-2025 --format md",
                    "report progress osaka-dx-2025 --group-by kind --compare national --format xlsx -o 比較.xlsx",
                ],
                run: ReportCommand.verb { try $0.progress(&$1) }),
            Command(
                "systems",
                summary: """
                    The system inventories (基幹系 and 内部系): when contracts end per 業務 and fiscal year \
                    (和暦; which municipalities: the basis for joint procurement), vendors per 業務 (count and \
                    %), cost per 業務, per municipality and per inhabitant, and 標準化 migration per 業務.
                    """,
                usage: [
                    "report systems SURVEY [--group-by kind] [--format csv|xlsx|json|md|docx] [-o FILE] [--encoding utf-8|cp932]"
                ],
                options: [ClientOptions.groupBy, ClientOptions.format],
                notes: """
                    A table item is analysed when it has the columns category (the 業務), vendor_name and \
                    contract_end, and contract_amount_annual / contract_amount_total when present (the example \
                    survey's D01 and E01); a migration table has fixed rows and migration_month (D03). \
                    Populations are those of 令和2年国勢調査 (Examples/data/osaka_municipalities_profile.csv). \
                    In Excel the contracts ending per fiscal year are also a chart.
                    """,
                examples: ["report systems osaka-dx-2025 --format xlsx -o システム分析.xlsx"],
                run: ReportCommand.verb { try $0.systems(&$1) }),
            Command(
                "compare",
                summary: """
                    Two surveys side by side (last year's and this year's): per item the prefecture-wide change \
                    (municipalities answering, totals and means of numbers, counts per choice), and per \
                    municipality and item both answers and the change (+3, 変更, 新規, 回答なし).
                    """,
                usage: [
                    "report compare SURVEY_A SURVEY_B [--format csv|xlsx|json|md|docx] [-o FILE] [--encoding utf-8|cp932]"
                ],
                options: [ClientOptions.format],
                notes:
                    "Items match by id and type; table items are left out (their rows are not the same rows across years).",
                examples: ["report compare osaka-dx-2024 osaka-dx-2025 --format xlsx -o 経年比較.xlsx"],
                run: ReportCommand.verb { try $0.compare(&$1) }),
            Command(
                "hearings",
                summary: """
                    The hearing programme: municipalities heard and when, against the target (15 by the end of \
                    July unless told otherwise), the last hearing and the FAQ's due date three weeks after it.
                    """,
                usage: ["report hearings [--target N] [--by DATE] [--format md|csv|xlsx|json|docx] [-o FILE]"],
                options: [ClientOptions.hearingTarget, ClientOptions.hearingDeadline, ClientOptions.faqFormat],
                notes:
                    "Markdown by default. Hearings come from this replica (the advisor's holds every municipality's).",
                examples: [
                    "report hearings", "report hearings --target 20 --by 2026-08-31 --format xlsx -o ヒアリング.xlsx",
                ],
                run: ReportCommand.verb { try $0.hearings(&$1) }),
            Command(
                "faq",
                summary: """
                    Hearing items flagged as FAQ, grouped by DX-plan focus area, with the municipality and \
                    hearing date (Markdown by default).
                    """,
                usage: [
                    "report faq [--anonymize] [--format md|csv|xlsx|json|docx] [-o FILE] [--encoding utf-8|cp932]",
                    "report faq --publish [--format docx|md]",
                ],
                options: [ClientOptions.anonymize, ClientOptions.publish, ClientOptions.faqFormat],
                notes: """
                    --anonymize is for sharing the FAQ with every municipality: 大阪市 becomes \
                    政令指定都市（人口30万人以上）, a date its month. --publish shares it so (always anonymized) \
                    as the document FAQ/ヒアリングFAQ.docx of scope shared: every municipality's replica gets it \
                    at its next sync; publishing again makes a new version of the same document. Only the \
                    advisor and admins may publish.
                    """,
                examples: [
                    "report faq > faq.md", "report faq --format docx -o FAQ.docx",
                    "report faq --publish && renkei sync",
                    "report faq --anonymize --format xlsx -o FAQ_共有用.xlsx",
                ],
                run: ReportCommand.verb { try $0.faq(&$1) }),
            Command(
                "monthly",
                summary: """
                    The advisor's monthly report (due by the 10th of the next month), as a Word document: \
                    inquiries by theme and municipality, consultations with attendance, meetings with the due \
                    date of their minutes (2 開庁日) and when they went out, the hearings held, and progress \
                    against the plan (hearings against the target, submissions of the open surveys).
                    """,
                usage: ["report monthly YYYY-MM [--target N] [--format docx|xlsx|md|json|csv] [-o FILE]"],
                options: [ClientOptions.hearingTarget, ClientOptions.monthlyFormat],
                notes: """
                    Reads the work log (`renkei log …`) and the hearings in this replica. 開庁日 leave out \
                    weekends, national holidays (振替休日 and 国民の休日 included) and 12/29 to 1/3. The hearing \
                    target is counted from April 1 to July 31 of the month's fiscal year.
                    """,
                examples: ["report monthly 2026-06 -o 月次報告_2026年6月.docx", "report monthly 令和8年6月 --format md"],
                run: ReportCommand.verb { try $0.monthly(&$1) }),
            Command(
                "analysis",
                summary: """
                    The survey analysis report to hand to the prefecture, as a Word document: how the survey was \
                    run, the response state by kind of municipality, then each section with a sentence of \
                    findings and a table per item, the national rate beside each share, and a summary of the \
                    national comparison.
                    """,
                usage: ["report analysis SURVEY [--format docx|md] [-o FILE]"],
                options: [ClientOptions.documentFormat],
                notes: """
                    Shares are of every municipality, answered or not, as in report progress; the national rates \
                    are those of the items the survey links to the national survey. The Word file has numbered \
                    sections, tables with their header row repeated on each page, and page numbers: edit it in \
                    Word or LibreOffice before handing it over.
                    """,
                examples: [
                    "report analysis osaka-dx-2025 -o 分析報告書.docx", "report analysis osaka-dx-2025 --format md | less",
                ],
                run: ReportCommand.verb { try $0.analysis(&$1) }),
        ])
}
