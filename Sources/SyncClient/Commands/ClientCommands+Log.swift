import CommandLineSupport
import Models

/// `renkei log …`: the advisor's work log (inquiries, consultations, meetings).
extension ClientCommands {
    // MARK: - log

    static let log = Command(
        "log", summary: "The advisor's work log: inquiries (問合せ), consultations (相談会), meetings (会議)",
        overview: """
            The advisor's work log, synced like everything else and read by `renkei report monthly`. An inquiry \
            belongs to the municipality that asked (its staff can read it, no other municipality can), or to the \
            prefecture when --municipality is left out; consultations and meetings are shared. Only the advisor and \
            admins write the log.
            """,
        verbs: WorkLogKind.allCases.map(logGroup))

    /// `log inquiry|consultation|meeting` with add, edit, list and show.
    static func logGroup(_ kind: WorkLogKind) -> Command {
        let name = kind.rawValue
        let fields = LogOptions.fieldOptions(kind)
        let scope = kind == .inquiry ? [LogOptions.municipality] : []
        let example: String =
            switch kind {
            case .inquiry:
                #"log inquiry add --municipality 島本町 --date 2026-06-03 --channel phone --theme 電子申請 --question "手数料の納付方法は？" --answer "決済サービスの比較表を送付" --minutes 30"#
            case .consultation:
                #"log consultation add --date 2026-06-20 --theme "標準化の移行計画" --municipalities 271004,堺市,島本町 --attendees 14"#
            case .meeting:
                #"log meeting add --date 2026-06-11 --kind 定例会 --title "6月定例会" --attendees "府 DX推進課 山田、アドバイザー 佐藤" --points "ヒアリング日程" --decisions "7月末までに15団体""#
            }
        return Command(
            name, summary: "\(kind.japaneseName): record, change, list and show",
            verbs: [
                Command(
                    "add", summary: "Record a new \(name) (\(kind.japaneseName)); prints its id",
                    usage: [
                        "log \(name) add "
                            + kind.fields.map { "[--\(LogOptions.optionName($0.name)) …]" }.joined(separator: " ")
                    ],
                    options: fields + scope,
                    notes: kind == .meeting
                        ? "Minutes are due within 2 開庁日 (weekends, national holidays and 12/29-1/3 excluded); record when they went out with `log meeting edit ID --minutes-shared DATE`."
                        : "",
                    examples: [example],
                    run: LogCommand.verb { try $0.add(kind, &$1) }),
                Command(
                    "edit", summary: "Change fields of a \(name); an empty value removes one",
                    usage: [
                        "log \(name) edit ID "
                            + kind.fields.map { "[--\(LogOptions.optionName($0.name)) …]" }.joined(separator: " ")
                    ], options: fields,
                    examples: [
                        kind == .meeting
                            ? "log meeting edit 0197… --minutes-shared 2026-06-12"
                            : "log \(name) edit 0197… --theme 標準化"
                    ],
                    run: LogCommand.verb { try $0.edit(kind, &$1) }),
                Command(
                    "list", summary: "List the \(name) records in date order",
                    usage: ["log \(name) list [--month YYYY-MM] [--json]"],
                    options: [LogOptions.month, ClientOptions.json],
                    examples: ["log \(name) list --month 2026-06"],
                    run: LogCommand.verb { try $0.list(kind, &$1) }),
                Command(
                    "show", summary: "Show a \(name) with every field",
                    usage: ["log \(name) show ID [--json]"], options: [ClientOptions.json],
                    examples: ["log \(name) show 0197…"],
                    run: LogCommand.verb { try $0.show(kind, &$1) }),
            ])
    }
}
