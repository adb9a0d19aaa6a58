import CommandLineSupport
import Localization

/// `renkei ui`: the browser UI on the replica.
extension ClientCommands {
    static let ui = Command(
        "ui", summary: localized("client.ui.summary"), overview: localized("client.ui.overview"),
        usage: ["ui [--port N] [--no-open] [--json]"],
        options: [UICommand.portOption, UICommand.noOpen, ClientOptions.json],
        notes: localized("client.ui.notes"),
        examples: ["ui", "ui --no-open"],
        run: { try UICommand($0).run() })
}
