import CommandLineSupport
import Localization
import Models

/// `renkei docs …`: documents shared through the prefecture's file store.
extension ClientCommands {
    // MARK: - docs

    static let docs = Command(
        "docs", summary: localized("docs.summary"), overview: localized("docs.overview"),
        verbs: [
            Command(
                "put", summary: localized("docs.put.summary"),
                usage: ["docs put FILE [--folder F] [--name NAME] [--scope shared|CODE] [--note TEXT] [--json]"],
                options: [
                    ClientOptions.folder, ClientOptions.name, ClientOptions.documentScope, ClientOptions.note,
                    ClientOptions.json,
                ],
                notes: localized("docs.put.notes"),
                examples: ["docs put 議事録.docx --folder ヒアリング/2026"],
                run: DocsCommand.verb { try $0.put(&$1) }),
            Command(
                "ls", aliases: ["list"], summary: localized("docs.ls.summary"),
                usage: ["docs ls [--folder F] [--scope shared|CODE] [--json]"],
                options: [ClientOptions.folderFilter, ClientOptions.scopeFilter, ClientOptions.json],
                notes: localized("docs.ls.notes"),
                examples: ["docs ls --folder ヒアリング/2026"],
                run: DocsCommand.verb { try $0.list(&$1) }),
            Command(
                "get", summary: localized("docs.get.summary"),
                usage: ["docs get ID|PATH [-o FILE|-] [--version N] [--force] [--proxy URL] [--json]"],
                options: [
                    ClientOptions.documentOutput, ClientOptions.version, ClientOptions.force, ClientOptions.proxy,
                    ClientOptions.json,
                ],
                notes: localized("docs.get.notes"),
                examples: ["docs get ヒアリング/2026/議事録.docx -o ~/Desktop/議事録.docx"],
                run: DocsCommand.verb { try $0.get(&$1) }),
            Command(
                "rm", aliases: ["remove"], summary: localized("docs.rm.summary"),
                usage: ["docs rm ID|PATH [--json]"], options: [ClientOptions.json],
                notes: localized("docs.rm.notes"),
                examples: ["docs rm ヒアリング/2026/議事録.docx"],
                run: DocsCommand.verb { try $0.remove(&$1) }),
            Command(
                "history", summary: localized("docs.history.summary"),
                usage: ["docs history ID|PATH [--json] [--proxy URL]"],
                options: [ClientOptions.json, ClientOptions.proxy],
                notes: localized("docs.history.notes"),
                examples: ["docs history ヒアリング/2026/議事録.docx"],
                run: DocsCommand.verb { try $0.history(&$1) }),
            Command(
                "verify", summary: localized("docs.verify.summary"),
                usage: ["docs verify [--repair] [--json]"], options: [ClientOptions.repair, ClientOptions.json],
                notes: localized("docs.verify.notes"),
                examples: ["docs verify --repair"],
                run: DocsCommand.verb { try $0.verify(&$1) }),
        ])
}
