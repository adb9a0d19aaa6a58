import CommandLineSupport
import Localization
import Models

/// `renkei survey …`: publish, list, show, answer, import, check, submit and return surveys.
extension ClientCommands {
    // MARK: - survey

    static let survey = Command(
        "survey", summary: localized("survey.summary"),
        overview: localized("survey.overview"),
        verbs: [
            Command(
                "publish", summary: localized("survey.publish.summary"),
                overview: localized("survey.publish.overview"),
                usage: ["survey publish <file.json> [--status draft|open|closed] [--json]"],
                options: [ClientOptions.status, ClientOptions.json],
                examples: ["survey publish Examples/data/questionnaire_example.json"],
                run: SurveyCommand.verb { try $0.publish(&$1) }),
            Command(
                "list", summary: localized("survey.list.summary"),
                usage: ["survey list [--json]"], options: [ClientOptions.json],
                notes: localized("survey.list.notes"),
                examples: ["survey list --json"],
                run: SurveyCommand.verb { try $0.list(&$1) }),
            Command(
                "show", summary: localized("survey.show.summary"),
                usage: ["survey show <survey> [<item>] [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.show.notes"),
                examples: ["survey show osaka-muni-dx-survey-example", "survey show osaka-muni-dx-survey-example B09"],
                run: SurveyCommand.verb { try $0.show(&$1) }),
            Command(
                "answer", summary: localized("survey.answer.summary"),
                usage: [
                    "survey answer <survey> <item> <value> [--json]",
                    "survey answer <survey> <table-item> <value> --row <row-id> --column <column> [--json]",
                ],
                options: [ClientOptions.row, ClientOptions.column, ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.answer.notes"),
                examples: [
                    "survey answer osaka-muni-dx-survey-example B07 12",
                    "survey answer osaka-muni-dx-survey-example D01 株式会社サンプル --row r1 --column vendor_name",
                ],
                run: SurveyCommand.verb { try $0.answer(&$1) }),
            Command(
                "check", summary: localized("survey.check.summary"),
                usage: ["survey check <survey> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                examples: ["survey check osaka-muni-dx-survey-example"],
                run: SurveyCommand.verb { try $0.check(&$1) }),
            Command(
                "print", summary: localized("survey.print.summary"),
                usage: ["survey print <survey> [--format md|xlsx|csv|json] [-o FILE [--json]] [--on-behalf CODE]"],
                options: [
                    ClientOptions.sheetFormat, ReportOptions.output, ReportOptions.encoding, ClientOptions.onBehalf,
                    ClientOptions.json,
                ],
                notes: localized("survey.print.notes"),
                examples: [
                    "survey print osaka-muni-dx-survey-example",
                    "survey print osaka-muni-dx-survey-example -o 回答.xlsx --format xlsx",
                ],
                run: ReportCommand.verb { try $0.answerSheet(&$1) }),
            Command(
                "carry-over", summary: localized("survey.carryover.summary"),
                usage: ["survey carry-over <from-survey> <to-survey> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.carryover.notes"),
                examples: ["survey carry-over osaka-dx-2024 osaka-dx-2025"],
                run: SurveyCommand.verb { try $0.carryOver(&$1) }),
            Command(
                "confirm", summary: localized("survey.confirm.summary"),
                usage: ["survey confirm <survey> (<item>... | --all) [--on-behalf CODE] [--json]"],
                options: [ClientOptions.confirmAll, ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.confirm.notes"),
                examples: ["survey confirm osaka-dx-2025 B07 D01", "survey confirm osaka-dx-2025 --all"],
                run: SurveyCommand.verb { try $0.confirm(&$1) }),
            Command(
                "submit", summary: localized("survey.submit.summary"),
                usage: ["survey submit <survey> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.submit.notes"),
                examples: ["survey submit osaka-muni-dx-survey-example"],
                run: SurveyCommand.verb { try $0.submit(&$1) }),
            Command(
                "return", summary: localized("survey.return.summary"),
                usage: ["survey return <survey> <municipality> --comment TEXT [--json]"],
                options: [ClientOptions.comment, ClientOptions.json],
                notes: localized("survey.return.notes"),
                examples: ["survey return osaka-muni-dx-survey-example 271403 --comment \"D04 の金額を千円単位で確認してください\""],
                run: SurveyCommand.verb { try $0.returnSubmission(&$1) }),
            Command(
                "form",
                summary: localized("survey.form.summary"),
                usage: ["survey form <survey> [-o 回答票.xlsx] [--force] [--on-behalf CODE] [--json]"],
                options: [ClientOptions.formOutput, ClientOptions.force, ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.form.notes"),
                examples: [
                    "survey form osaka-muni-dx-survey-example",
                    "survey form osaka-muni-dx-survey-example -o 回答票.xlsx --force",
                ],
                run: SurveyCommand.verb { try $0.form(&$1) }),
            Command(
                "import", summary: localized("survey.import.summary"),
                usage: ["survey import <survey> <answers.csv|回答票.xlsx> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.import.notes"),
                examples: ["survey import osaka-muni-dx-survey-example answers.csv"],
                run: SurveyCommand.verb { try $0.importAnswers(&$1) }),
            Command(
                "remove-row", summary: localized("survey.remove.row.summary"),
                usage: ["survey remove-row <survey> <table-item> <row-id> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: localized("survey.remove.row.notes"),
                examples: ["survey remove-row osaka-muni-dx-survey-example D01 r1"],
                run: SurveyCommand.verb { try $0.removeRow(&$1) }),
        ])
}
