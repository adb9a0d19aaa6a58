import CommandLineSupport
import Localization
import Models

/// `renkei hearing …`: hearings with a municipality and their questions and answers.
extension ClientCommands {
    // MARK: - hearing

    /// One entry of a published list of categories, for `hearing categories publish --help`.
    private static let categoryExample = #"{"code": "online_procedures", "label": "行政手続のオンライン化"}"#

    static let hearing = Command(
        "hearing", summary: localized("hearing.summary"), overview: localized("hearing.overview"),
        verbs: [
            Command(
                "new", summary: localized("hearing.new.summary"),
                usage: [
                    """
                    hearing new --date YYYY-MM-DD --place P [--attendees A] [--topics T] [--summary S] \
                    [--follow-ups F] [--municipality CODE] [--json]
                    """
                ],
                options: ClientOptions.hearingFields.map(\.option) + [ClientOptions.municipality, ClientOptions.json],
                examples: [
                    #"hearing new --municipality 271004 --date 2025-06-12 --place 大阪市役所 --attendees "田中、鈴木""#
                ],
                run: HearingCommand.verb { try $0.create(&$1) }),
            Command(
                "edit", summary: localized("hearing.edit.summary"),
                usage: [
                    """
                    hearing edit <id> [--date ...] [--place ...] [--attendees ...] [--topics ...] [--summary ...] \
                    [--follow-ups ...] [--json]
                    """,
                    "hearing edit <id> [--json]",
                ],
                options: ClientOptions.hearingFields.map(\.option) + [ClientOptions.json],
                notes: localized("hearing.edit.notes"),
                examples: [#"hearing edit 0197… --summary "移行計画を確認""#, "hearing edit 0197…"],
                run: HearingCommand.verb { try $0.edit(&$1) }),
            Command(
                "list", summary: localized("hearing.list.summary"),
                usage: ["hearing list [--municipality CODE] [--json]"],
                options: [ClientOptions.municipalityFilter, ClientOptions.json],
                examples: ["hearing list --municipality 271004"],
                run: HearingCommand.verb { try $0.list(&$1) }),
            Command(
                "show", summary: localized("hearing.show.summary"),
                usage: ["hearing show <id> [--json]"], options: [ClientOptions.json],
                examples: ["hearing show 0197…"],
                run: HearingCommand.verb { try $0.show(&$1) }),
            Command(
                "categories", summary: localized("hearing.categories.summary"),
                verbs: [
                    Command(
                        "list", summary: localized("hearing.categories.list.summary"),
                        usage: ["hearing categories list [--json]"], options: [ClientOptions.json],
                        notes: localized("hearing.categories.list.notes"),
                        examples: ["hearing categories list"],
                        run: HearingCommand.verb { try $0.listCategories(&$1) }),
                    Command(
                        "publish",
                        summary: localized("hearing.categories.publish.summary"),
                        usage: ["hearing categories publish <categories.json> [--json]"],
                        options: [ClientOptions.json],
                        notes: localized("hearing.categories.publish.notes", ["example": categoryExample]),
                        examples: ["hearing categories publish Examples/data/hearing_categories.json"],
                        run: HearingCommand.verb { try $0.publishCategories(&$1) }),
                ]),
            Command(
                "item", summary: localized("hearing.item.summary"),
                verbs: [
                    Command(
                        "add", summary: localized("hearing.item.add.summary"),
                        usage: ["hearing item add <hearing-id> --question Q --answer A --category C [--faq] [--json]"],
                        options: ClientOptions.itemFields.map(\.option) + [ClientOptions.faq, ClientOptions.json],
                        examples: [
                            """
                            hearing item add 0197…  --question "標準化の移行時期は？" --answer "令和7年度末" \
                            --category standardization --faq
                            """
                        ],
                        run: HearingCommand.verb { try $0.addItem(&$1) }),
                    Command(
                        "edit", summary: localized("hearing.item.edit.summary"),
                        usage: [
                            """
                            hearing item edit <item-id> [--question Q] [--answer A] [--category C] [--faq yes|no] \
                            [--json]
                            """
                        ],
                        options: ClientOptions.itemFields.map(\.option) + [
                            ClientOptions.faqChoice, ClientOptions.json,
                        ],
                        examples: ["hearing item edit 0197… --faq yes"],
                        run: HearingCommand.verb { try $0.editItem(&$1) }),
                    Command(
                        "list", summary: localized("hearing.item.list.summary"),
                        usage: ["hearing item list <hearing-id> [--json]"], options: [ClientOptions.json],
                        examples: ["hearing item list 0197…"],
                        run: HearingCommand.verb { try $0.listItems(&$1) }),
                ]),
        ])
}
