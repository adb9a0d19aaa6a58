import CommandLineSupport
import Localization
import Models

/// The options of `renkei`'s commands, each declared once: the table checks arguments against
/// them and lists them in help, and the commands read their values through them. Options that
/// share a name but mean something else in another command (`--scope` of `init`, `put` and
/// `docs`) are declared apart.
enum ClientOptions {
    /// The program's own option: every command accepts it (`ReplicaHome`).
    static let home = CommandOption.value("--home", "DIR", localized("option.client.home"))
    static let json = CommandOption.flag("--json", localized("option.client.json"))

    // init, login, sync
    static let initScope = CommandOption.value("--scope", "CODE", localized("option.client.init.scope"))
    static let user = CommandOption.value("--user", "NAME", localized("option.client.user"))
    static let offline = CommandOption.flag("--offline", localized("option.client.offline"))
    static let initForce = CommandOption.flag("--force", localized("option.client.init.force"))
    static let initServer = CommandOption.value("--server", "URL", localized("option.client.init.server"))
    static let loginServer = CommandOption.value("--server", "URL", localized("option.client.login.server"))
    static let syncServer = CommandOption.value("--server", "URL", localized("option.client.sync.server"))
    /// Read by `TokenInput`.
    static let token = CommandOption.value("--token", "-", localized("option.client.token"))
    static let tokenFile = CommandOption.value("--token-file", "FILE", localized("option.client.token.file"))
    /// Read by `ProxySettings`.
    static let proxy = CommandOption.value("--proxy", "URL", localized("option.client.proxy"))
    static let verbose = CommandOption.flag("--verbose", localized("option.client.verbose"))

    // put, get, conflicts, rejected
    static let putScope = CommandOption.value("--scope", "CODE", localized("option.client.put.scope"))
    static let registerJSON = CommandOption.flag("--json", localized("option.client.register.json"))
    static let pick = CommandOption.value("--pick", "N", localized("option.client.pick"))
    static let value = CommandOption.value("--value", "JSON", localized("option.client.value"))
    static let rejectedJSON = CommandOption.flag("--json", localized("option.client.rejected.json"))
    static let all = CommandOption.flag("--all", localized("option.client.all"))

    // survey
    static let status = CommandOption.value("--status", "S", localized("option.client.status"))
    static let onBehalf = CommandOption.value("--on-behalf", "CODE", localized("option.client.on.behalf"))
    static let formOutput = CommandOption.value("--output", "FILE", short: "-o", localized("option.client.form.output"))
    static let confirmAll = CommandOption.flag("--all", localized("option.client.confirm.all"))
    static let comment = CommandOption.value("--comment", "TEXT", localized("option.client.comment"))
    static let row = CommandOption.value("--row", "ROW", localized("option.client.row"))
    static let column = CommandOption.value("--column", "COLUMN", localized("option.client.column"))

    // hearing
    /// The fields of a hearing, each with its option.
    static let hearingFields: [(option: CommandOption, field: String)] = [
        (.value("--date", "YYYY-MM-DD", localized("option.client.hearing.date")), "date"),
        (.value("--place", "P", localized("option.client.hearing.place")), "place"),
        (.value("--attendees", "A", localized("option.client.hearing.attendees")), "attendees"),
        (.value("--topics", "T", localized("option.client.hearing.topics")), "topics"),
        (.value("--summary", "S", localized("option.client.hearing.summary")), "summary"),
        (.value("--follow-ups", "F", localized("option.client.hearing.follow.ups")), "follow_ups"),
    ]
    /// The fields of a hearing's item, each with its option.
    static let itemFields: [(option: CommandOption, field: String)] = [
        (.value("--question", "Q", localized("option.client.item.question")), "question"),
        (.value("--answer", "A", localized("option.client.item.answer")), "answer"),
        (.value("--category", "C", localized("option.client.item.category", ["codes": categoryCodes])), "category"),
    ]
    /// The codes of the standard categories, for the help of `--category`.
    private static let categoryCodes = HearingCategories.standard.all.map(\.code).joined(separator: ", ")
    static let municipality = CommandOption.value("--municipality", "CODE", localized("option.client.municipality"))
    static let municipalityFilter = CommandOption.value(
        "--municipality", "CODE", localized("option.client.municipality.filter"))
    static let faq = CommandOption.flag("--faq", localized("option.client.faq"))
    static let faqChoice = CommandOption.value("--faq", "yes|no", localized("option.client.faq.choice"))

    // docs
    static let folder = CommandOption.value("--folder", "F", localized("option.client.folder"))
    static let folderFilter = CommandOption.value("--folder", "F", localized("option.client.folder.filter"))
    static let name = CommandOption.value("--name", "NAME", localized("option.client.name"))
    static let documentScope = CommandOption.value("--scope", "S", localized("option.client.document.scope"))
    static let scopeFilter = CommandOption.value("--scope", "S", localized("option.client.scope.filter"))
    static let note = CommandOption.value("--note", "TEXT", localized("option.client.note"))
    static let documentOutput = CommandOption.value(
        "--output", "FILE", short: "-o",
        localized("option.client.document.output"))
    static let version = CommandOption.value("--version", "N", localized("option.client.version"))
    static let force = CommandOption.flag("--force", localized("option.client.force"))
    static let repair = CommandOption.flag("--repair", localized("option.client.repair"))

    static let every = CommandOption.value("--every", "INTERVAL", localized("option.client.every"))
    // report (-o and --encoding: `ReportOptions`, shared with `renkei-server admin export survey`)
    static let format = CommandOption.value("--format", "F", localized("option.client.format"))
    static let groupBy = CommandOption.value("--group-by", "kind", localized("option.client.group.by"))
    static let compare = CommandOption.value("--compare", "national", localized("option.client.compare"))
    static let publish = CommandOption.flag("--publish", localized("option.client.publish"))
    static let anonymize = CommandOption.flag("--anonymize", localized("option.client.anonymize"))
    static let hearingTarget = CommandOption.value("--target", "N", localized("option.client.hearing.target"))
    static let hearingDeadline = CommandOption.value("--by", "DATE", localized("option.client.hearing.deadline"))
    static let sheetFormat = CommandOption.value("--format", "F", localized("option.client.sheet.format"))
    static let faqFormat = CommandOption.value("--format", "F", localized("option.client.faq.format"))
    static let monthlyFormat = CommandOption.value("--format", "F", localized("option.client.monthly.format"))
    static let documentFormat = CommandOption.value("--format", "F", localized("option.client.document.format"))
}
