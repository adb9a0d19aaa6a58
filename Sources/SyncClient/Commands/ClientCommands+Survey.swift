import CommandLineSupport
import Models

/// `renkei survey …`: publish, list, show, answer, import, check, submit and return surveys.
extension ClientCommands {
    // MARK: - survey

    static let survey = Command(
        "survey", summary: "Publish, list, show and answer surveys",
        overview: """
            Surveys are data: the advisor publishes a schema, every replica receives it by sync, and each \
            municipality answers offline, item by item. Answers are checked against the schema before anything \
            is written.
            """,
        verbs: [
            Command(
                "publish", summary: "Publish a survey schema (the advisor); every replica receives it by sync",
                overview: """
                    Publish a survey: the schema (a JSON file) is checked, then written for every replica to \
                    receive at its next sync. Only the advisor's replica (scope shared) publishes surveys; \
                    publishing again replaces the schema, title and status.
                    """,
                usage: ["survey publish <file.json> [--status draft|open|closed]"], options: [ClientOptions.status],
                examples: ["survey publish Examples/data/questionnaire_example.json"],
                run: SurveyCommand.verb { try $0.publish(&$1) }),
            Command(
                "list", summary: "List the surveys this replica holds: id, title, fiscal year, status",
                usage: ["survey list [--json]"], options: [ClientOptions.json],
                notes: "Surveys arrive by sync: none are listed before the first one.",
                examples: ["survey list --json"],
                run: SurveyCommand.verb { try $0.list(&$1) }),
            Command(
                "show", summary: "Show a survey's items with this municipality's answers",
                usage: ["survey show <survey> [<item>] [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: """
                    Each item (or only <item>) with its answer: choices with their labels, numbers with their \
                    units, table rows with their columns; * marks a required item not answered yet, CONFLICT an \
                    answer with conflicting versions (see `renkei conflicts`). Below each item: its type and \
                    range, unit, choices (code=label), hint, when it is asked or required, and a table's rows \
                    and columns.
                    """,
                examples: ["survey show osaka-muni-dx-survey-example", "survey show osaka-muni-dx-survey-example B09"],
                run: SurveyCommand.verb { try $0.show(&$1) }),
            Command(
                "answer", summary: "Answer one item (or one cell of a table item), checked against the schema",
                usage: [
                    "survey answer <survey> <item> <value>",
                    "survey answer <survey> <table-item> <value> --row <row-id> --column <column>",
                ],
                options: [ClientOptions.row, ClientOptions.column, ClientOptions.onBehalf],
                notes: """
                    ARGUMENTS:
                      <value>        As you would write it: 12, 1,200,000, はい/いいえ, a choice code or its
                                     label, several choices as a,b, dates as 2025-04-01, 2025/4/1,
                                     令和7年4月1日 or R7.4.1 (stored as 2025-04-01); "" clears the answer

                    An answer the schema refuses is not written: the reason is given in Japanese and English \
                    (exit status 65).
                    """,
                examples: [
                    "survey answer osaka-muni-dx-survey-example B07 12",
                    "survey answer osaka-muni-dx-survey-example D01 株式会社サンプル --row r1 --column vendor_name",
                ],
                run: SurveyCommand.verb { try $0.answer(&$1) }),
            Command(
                "check", summary: "Check this municipality's answers: required items answered, errors, completion",
                usage: ["survey check <survey> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                examples: ["survey check osaka-muni-dx-survey-example"],
                run: SurveyCommand.verb { try $0.check(&$1) }),
            Command(
                "print", summary: "Print this municipality's answers as a readable sheet, to check before submitting",
                usage: ["survey print <survey> [--format md|xlsx|csv|json] [-o FILE] [--on-behalf CODE]"],
                options: [
                    ClientOptions.sheetFormat, ReportOptions.output, ReportOptions.encoding, ClientOptions.onBehalf,
                ],
                notes: """
                    Every item in the survey's order with its section, question, answer as people read it \
                    (labels, units, dates) and what still needs attention (要修正: an error `survey check` finds; \
                    確認: a warning; 対象外; 【競合】); then one table per answered table item.
                    """,
                examples: [
                    "survey print osaka-muni-dx-survey-example",
                    "survey print osaka-muni-dx-survey-example -o 回答.xlsx --format xlsx",
                ],
                run: ReportCommand.verb { try $0.answerSheet(&$1) }),
            Command(
                "carry-over", summary: "Copy last year's answers into this year's survey, marked 前年度値 until confirmed",
                usage: ["survey carry-over <from-survey> <to-survey> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: """
                    Copies this municipality's answers for items with the same id and type that are not answered \
                    in <to-survey> yet (a table when it has no row yet, with the columns of the same id and type), \
                    and only values <to-survey> accepts. Each copy is marked 前年度値: `survey check` warns of it \
                    and the progress report counts it until you change the answer or confirm it with \
                    `survey confirm`.
                    """,
                examples: ["survey carry-over osaka-dx-2024 osaka-dx-2025"],
                run: SurveyCommand.verb { try $0.carryOver(&$1) }),
            Command(
                "confirm", summary: "Confirm answers carried over from last year as they are",
                usage: ["survey confirm <survey> (<item>... | --all) [--on-behalf CODE]"],
                options: [ClientOptions.confirmAll, ClientOptions.onBehalf],
                notes: "An item is B07, a table D01 (every carried row) or one row D01.r1.",
                examples: ["survey confirm osaka-dx-2025 B07 D01", "survey confirm osaka-dx-2025 --all"],
                run: SurveyCommand.verb { try $0.confirm(&$1) }),
            Command(
                "submit", summary: "Submit this municipality's answers (提出): only when `survey check` finds no error",
                usage: ["survey submit <survey> [--on-behalf CODE] [--json]"],
                options: [ClientOptions.onBehalf, ClientOptions.json],
                notes: """
                    A survey goes 回答中 (answering) -> 提出済 (submitted) -> 差戻し (returned by the advisor, with a \
                    comment) -> 提出済 again. Submitted answers are read-only, here and on the server, until the \
                    advisor returns them. The submission reaches the prefecture at the next `renkei sync`; \
                    `survey check` shows where the survey stands.
                    """,
                examples: ["survey submit osaka-muni-dx-survey-example"],
                run: SurveyCommand.verb { try $0.submit(&$1) }),
            Command(
                "return", summary: "Return a municipality's submission with a comment (差戻し; the advisor)",
                usage: ["survey return <survey> <municipality> --comment TEXT [--json]"],
                options: [ClientOptions.comment, ClientOptions.json],
                notes: """
                    Only a submitted survey can be returned. The municipality sees the comment in \
                    `survey check` after its next sync, can change its answers again, and submits again.
                    """,
                examples: ["survey return osaka-muni-dx-survey-example 271403 --comment \"D04 の金額を千円単位で確認してください\""],
                run: SurveyCommand.verb { try $0.returnSubmission(&$1) }),
            Command(
                "form",
                summary: "Write the Excel 回答票 to fill in: one sheet per section and table, dropdowns, answers so far",
                usage: ["survey form <survey> [-o 回答票.xlsx] [--force] [--on-behalf CODE]"],
                options: [ClientOptions.formOutput, ClientOptions.force, ClientOptions.onBehalf],
                notes: """
                    The form has a sheet of instructions, one sheet per section (number, question, answer, unit, \
                    how to answer) and one per table item (one row per table row). Only the yellow answer cells \
                    can be edited; choices are dropdowns, numbers and dates are checked by Excel. Fill it in with \
                    Excel or LibreOffice, then read it back with `renkei survey import <survey> <file>.xlsx`: \
                    answers you did not change are not written again.
                    """,
                examples: [
                    "survey form osaka-muni-dx-survey-example",
                    "survey form osaka-muni-dx-survey-example -o 回答票.xlsx --force",
                ],
                run: SurveyCommand.verb { try $0.form(&$1) }),
            Command(
                "import", summary: "Import answers from a CSV file or an Excel 回答票: all or none",
                usage: ["survey import <survey> <answers.csv|回答票.xlsx> [--on-behalf CODE]"],
                options: [ClientOptions.onBehalf],
                notes: """
                    EXCEL: the 回答票 that `survey form` wrote, saved by Excel or LibreOffice. Each problem is
                    named by sheet and cell (シート「B 組織」のセル C5) with its reason.

                    CSV: a CSV in UTF-8 (with or without BOM) or CP932 (what Excel saves as "CSV"),
                    CRLF or LF, with the header
                      item,row,column,value      (row and column only for table items; item,value also works)
                      Every line is checked first; if any is wrong, each error is reported with its line
                      number and nothing is written. Values already held are not written again, so
                      importing the same file twice changes nothing.

                    ON BEHALF (代理入力): the advisor enters answers a municipality sent by mail with
                    --on-behalf CODE, once an admin has run `renkei-server admin user allow-entry`.
                    The answers carry the advisor's name; the server's audit log records
                    on_behalf=CODE.
                    """,
                examples: ["survey import osaka-muni-dx-survey-example answers.csv"],
                run: SurveyCommand.verb { try $0.importAnswers(&$1) }),
            Command(
                "remove-row", summary: "Remove a row of a table item",
                usage: ["survey remove-row <survey> <table-item> <row-id> [--on-behalf CODE]"],
                options: [ClientOptions.onBehalf],
                notes: """
                    Every column of the row is written as null: a deletion, which an edit made elsewhere at the \
                    same time turns into a visible conflict, never a silent loss.
                    """,
                examples: ["survey remove-row osaka-muni-dx-survey-example D01 r1"],
                run: SurveyCommand.verb { try $0.removeRow(&$1) }),
        ])
}
