/// `renkei-server admin …`: maintenance the prefecture's IT staff run on the data directory
/// (safe while the server is serving). The verbs are declared in `ServerCommands`; each body
/// here gets the data directory (`--data`) and reads its own options and positionals.
enum AdminCommand {
    /// The dashboard's address in `dashboard-link` when `--base` is not given.
    static let defaultBase = "http://127.0.0.1:8080"
    /// How many days `gc` keeps unreferenced files when `--retention-days` is not given.
    static let defaultRetentionDays = 7
}
