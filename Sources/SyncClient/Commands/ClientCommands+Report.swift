import CommandLineSupport
import Localization
import Models

/// `renkei report …`: consolidated tables for the prefecture.
extension ClientCommands {
    // MARK: - report

    static let report = Command(
        "report", summary: localized("report.summary"),
        overview: localized("report.overview"),
        options: [ReportOptions.output, ReportOptions.encoding],
        verbs: [
            Command(
                "survey",
                summary: localized("report.survey.summary"),
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
                summary: localized("report.progress.summary"),
                usage: [
                    """
                    report progress SURVEY [--group-by kind] [--compare national] [--format csv|xlsx|json|md|docx] [-o FILE] \
                    [--encoding utf-8|cp932]
                    """
                ],
                options: [ClientOptions.groupBy, ClientOptions.compare, ClientOptions.format],
                notes: localized("report.progress.notes"),
                examples: [
                    "report progress osaka-dx-2025 --format md",
                    "report progress osaka-dx-2025 --group-by kind --compare national --format xlsx -o 比較.xlsx",
                ],
                run: ReportCommand.verb { try $0.progress(&$1) }),
            Command(
                "systems",
                summary: localized("report.systems.summary"),
                usage: [
                    "report systems SURVEY [--group-by kind] [--format csv|xlsx|json|md|docx] [-o FILE] [--encoding utf-8|cp932]"
                ],
                options: [ClientOptions.groupBy, ClientOptions.format],
                notes: localized("report.systems.notes"),
                examples: ["report systems osaka-dx-2025 --format xlsx -o システム分析.xlsx"],
                run: ReportCommand.verb { try $0.systems(&$1) }),
            Command(
                "compare",
                summary: localized("report.compare.summary"),
                usage: [
                    "report compare SURVEY_A SURVEY_B [--format csv|xlsx|json|md|docx] [-o FILE] [--encoding utf-8|cp932]"
                ],
                options: [ClientOptions.format],
                notes: localized("report.compare.notes"),
                examples: ["report compare osaka-dx-2024 osaka-dx-2025 --format xlsx -o 経年比較.xlsx"],
                run: ReportCommand.verb { try $0.compare(&$1) }),
            Command(
                "hearings",
                summary: localized("report.hearings.summary"),
                usage: ["report hearings [--target N] [--by DATE] [--format md|csv|xlsx|json|docx] [-o FILE]"],
                options: [ClientOptions.hearingTarget, ClientOptions.hearingDeadline, ClientOptions.faqFormat],
                notes: localized("report.hearings.notes"),
                examples: [
                    "report hearings", "report hearings --target 20 --by 2026-08-31 --format xlsx -o ヒアリング.xlsx",
                ],
                run: ReportCommand.verb { try $0.hearings(&$1) }),
            Command(
                "faq",
                summary: localized("report.faq.summary"),
                usage: [
                    "report faq [--anonymize] [--format md|csv|xlsx|json|docx] [-o FILE] [--encoding utf-8|cp932]",
                    "report faq --publish [--format docx|md]",
                ],
                options: [ClientOptions.anonymize, ClientOptions.publish, ClientOptions.faqFormat],
                notes: localized("report.faq.notes"),
                examples: [
                    "report faq > faq.md", "report faq --format docx -o FAQ.docx",
                    "report faq --publish && renkei sync",
                    "report faq --anonymize --format xlsx -o FAQ_共有用.xlsx",
                ],
                run: ReportCommand.verb { try $0.faq(&$1) }),
            Command(
                "monthly",
                summary: localized("report.monthly.summary"),
                usage: ["report monthly YYYY-MM [--target N] [--format docx|xlsx|md|json|csv] [-o FILE]"],
                options: [ClientOptions.hearingTarget, ClientOptions.monthlyFormat],
                notes: localized("report.monthly.notes"),
                examples: ["report monthly 2026-06 -o 月次報告_2026年6月.docx", "report monthly 令和8年6月 --format md"],
                run: ReportCommand.verb { try $0.monthly(&$1) }),
            Command(
                "analysis",
                summary: localized("report.analysis.summary"),
                usage: ["report analysis SURVEY [--format docx|md] [-o FILE]"],
                options: [ClientOptions.documentFormat],
                notes: localized("report.analysis.notes"),
                examples: [
                    "report analysis osaka-dx-2025 -o 分析報告書.docx", "report analysis osaka-dx-2025 --format md | less",
                ],
                run: ReportCommand.verb { try $0.analysis(&$1) }),
        ])
}
