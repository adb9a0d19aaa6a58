import CommandLineSupport
import Models

/// `renkei hearing …`: hearings with a municipality and their questions and answers.
extension ClientCommands {
    // MARK: - hearing

    static let hearing = Command(
        "hearing", summary: "Record hearings with a municipality and their questions and answers",
        overview: """
            Record hearings (interviews) with a municipality and the questions and answers they produced. Items \
            flagged as FAQ go into the FAQ report.
            """,
        verbs: [
            Command(
                "new", summary: "Record a new hearing; prints its id",
                usage: [
                    """
                    hearing new --date YYYY-MM-DD --place P [--attendees A] [--topics T] [--summary S] \
                    [--follow-ups F] [--municipality CODE]
                    """
                ],
                options: ClientOptions.hearingFields.map(\.option) + [ClientOptions.municipality],
                examples: [
                    #"hearing new --municipality 271004 --date 2025-06-12 --place 大阪市役所 --attendees "田中、鈴木""#
                ],
                run: HearingCommand.verb { try $0.create(&$1) }),
            Command(
                "edit", summary: "Change fields of a hearing, from options or in $EDITOR",
                usage: [
                    """
                    hearing edit <id> [--date ...] [--place ...] [--attendees ...] [--topics ...] [--summary ...] \
                    [--follow-ups ...]
                    """,
                    "hearing edit <id>",
                ],
                options: ClientOptions.hearingFields.map(\.option),
                notes: """
                    With no field options, it opens $EDITOR on a template ($VISUAL if set, else $EDITOR, else \
                    vi): one `field: value` a line, lines starting with # are ignored.
                    """,
                examples: [#"hearing edit 0197… --summary "移行計画を確認""#, "hearing edit 0197…"],
                run: HearingCommand.verb { try $0.edit(&$1) }),
            Command(
                "list", summary: "List the hearings: id, date, municipality, place",
                usage: ["hearing list [--municipality CODE] [--json]"],
                options: [ClientOptions.municipalityFilter, ClientOptions.json],
                examples: ["hearing list --municipality 271004"],
                run: HearingCommand.verb { try $0.list(&$1) }),
            Command(
                "show", summary: "Show a hearing with its questions and answers",
                usage: ["hearing show <id> [--json]"], options: [ClientOptions.json],
                examples: ["hearing show 0197…"],
                run: HearingCommand.verb { try $0.show(&$1) }),
            Command(
                "categories", summary: "The categories of hearing items and the FAQ: list them, or publish a list",
                verbs: [
                    Command(
                        "list", summary: "List the categories in force: code and Japanese name",
                        usage: ["hearing categories list [--json]"], options: [ClientOptions.json],
                        notes: """
                            Until the advisor publishes a list, the focus areas of the national 自治体DX推進計画 \
                            apply.
                            """,
                        examples: ["hearing categories list"],
                        run: HearingCommand.verb { try $0.listCategories(&$1) }),
                    Command(
                        "publish",
                        summary: "Publish a list of categories (the advisor); every replica receives it by sync",
                        usage: ["hearing categories publish <categories.json>"],
                        notes: """
                            The file is a JSON array of {"code": "online_procedures", "label": "行政手続のオンライン化"}: \
                            1 to 100 categories, codes of 1-32 lowercase letters, digits or _, labels of 1-60 \
                            characters, neither twice; its order is the FAQ's. Items keep the code they were filed \
                            under. Examples/data/hearing_categories.json is the standard list with the programme's \
                            own focus areas added.
                            """,
                        examples: ["hearing categories publish Examples/data/hearing_categories.json"],
                        run: HearingCommand.verb { try $0.publishCategories(&$1) }),
                ]),
            Command(
                "item", summary: "The questions and answers of a hearing: add, edit, list",
                verbs: [
                    Command(
                        "add", summary: "Add a question and its answer to a hearing; prints the item's id",
                        usage: ["hearing item add <hearing-id> --question Q --answer A --category C [--faq]"],
                        options: ClientOptions.itemFields.map(\.option) + [ClientOptions.faq],
                        examples: [
                            """
                            hearing item add 0197…  --question "標準化の移行時期は？" --answer "令和7年度末" \
                            --category standardization --faq
                            """
                        ],
                        run: HearingCommand.verb { try $0.addItem(&$1) }),
                    Command(
                        "edit", summary: "Change an item's question, answer, category or FAQ flag",
                        usage: [
                            "hearing item edit <item-id> [--question Q] [--answer A] [--category C] [--faq yes|no]"
                        ],
                        options: ClientOptions.itemFields.map(\.option) + [ClientOptions.faqChoice],
                        examples: ["hearing item edit 0197… --faq yes"],
                        run: HearingCommand.verb { try $0.editItem(&$1) }),
                    Command(
                        "list", summary: "List the items of a hearing: id, FAQ, category, question",
                        usage: ["hearing item list <hearing-id> [--json]"], options: [ClientOptions.json],
                        examples: ["hearing item list 0197…"],
                        run: HearingCommand.verb { try $0.listItems(&$1) }),
                ]),
        ])
}
