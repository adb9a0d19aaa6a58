import CommandLineSupport
import Localization
import Models

/// `renkei log …`: the advisor's work log (inquiries, consultations, meetings).
extension ClientCommands {
    // MARK: - log

    static let log = Command(
        "log", summary: localized("log.summary"), overview: localized("log.overview"),
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
            name, summary: localized("log.kind.summary", ["label": kind.japaneseName]),
            verbs: [
                Command(
                    "add", summary: localized("log.add.summary", ["command": name, "label": kind.japaneseName]),
                    usage: [
                        "log \(name) add "
                            + kind.fields.map { "[--\(LogOptions.optionName($0.name)) …]" }.joined(separator: " ")
                            + " [--json]"
                    ],
                    options: fields + scope + [ClientOptions.json],
                    notes: kind == .meeting ? localized("log.meeting.add.notes") : "",
                    examples: [example],
                    run: LogCommand.verb { try $0.add(kind, &$1) }),
                Command(
                    "edit", summary: localized("log.edit.summary", ["kind": kind.localizedName]),
                    usage: [
                        "log \(name) edit ID "
                            + kind.fields.map { "[--\(LogOptions.optionName($0.name)) …]" }.joined(separator: " ")
                            + " [--json]"
                    ], options: fields + [ClientOptions.json],
                    examples: [
                        kind == .meeting
                            ? "log meeting edit 0197… --minutes-shared 2026-06-12"
                            : "log \(name) edit 0197… --theme 標準化"
                    ],
                    run: LogCommand.verb { try $0.edit(kind, &$1) }),
                Command(
                    "list", summary: localized("log.list.summary", ["kind": kind.localizedName]),
                    usage: ["log \(name) list [--month YYYY-MM] [--json]"],
                    options: [LogOptions.month, ClientOptions.json],
                    examples: ["log \(name) list --month 2026-06"],
                    run: LogCommand.verb { try $0.list(kind, &$1) }),
                Command(
                    "show", summary: localized("log.show.summary", ["kind": kind.localizedName]),
                    usage: ["log \(name) show ID [--json]"], options: [ClientOptions.json],
                    examples: ["log \(name) show 0197…"],
                    run: LogCommand.verb { try $0.show(kind, &$1) }),
            ])
    }
}
