import CommandLineSupport
import Models

/// `renkei docs …`: documents shared through the prefecture's file store.
extension ClientCommands {
    // MARK: - docs

    static let docs = Command(
        "docs", summary: "Share documents through the prefecture's file store",
        overview: """
            Share documents through the prefecture's file store. Works offline: `put` keeps the file in the \
            local cache and the next `renkei sync` uploads it (resuming if interrupted) before its record; `get` \
            downloads a file only when it is not cached, resumes an interrupted download and checks its SHA-256.
            """,
        verbs: [
            Command(
                "put", summary: "Put a file in the store (uploaded at the next sync)",
                usage: ["docs put FILE [--folder F] [--name NAME] [--scope shared|CODE] [--note TEXT] [--json]"],
                options: [
                    ClientOptions.folder, ClientOptions.name, ClientOptions.documentScope, ClientOptions.note,
                    ClientOptions.json,
                ],
                notes: """
                    Putting a file with the same folder and name as an existing document stores a new version of \
                    it. If two offices replace the same document before syncing, both versions are kept as a \
                    conflict (`docs ls` marks it; get either with --version); put again to settle it.
                    """,
                examples: ["docs put 議事録.docx --folder ヒアリング/2026"],
                run: DocsCommand.verb { try $0.put(&$1) }),
            Command(
                "ls", aliases: ["list"], summary: "List the documents this replica knows of",
                usage: ["docs ls [--folder F] [--scope shared|CODE] [--json]"],
                options: [ClientOptions.folderFilter, ClientOptions.scopeFilter, ClientOptions.json],
                notes: "A document two offices replaced before syncing is marked CONFLICT: see `docs history`.",
                examples: ["docs ls --folder ヒアリング/2026"],
                run: DocsCommand.verb { try $0.list(&$1) }),
            Command(
                "get", summary: "Write a document's file here (downloaded when not cached, SHA-256 checked)",
                usage: ["docs get ID|PATH [-o FILE|-] [--version N] [--force] [--proxy URL]"],
                options: [
                    ClientOptions.documentOutput, ClientOptions.version, ClientOptions.force, ClientOptions.proxy,
                ],
                notes: """
                    The file is downloaded only when it is not cached; an interrupted download resumes, and the \
                    SHA-256 is checked before anything is written.
                    """,
                examples: ["docs get ヒアリング/2026/議事録.docx -o ~/Desktop/議事録.docx"],
                run: DocsCommand.verb { try $0.get(&$1) }),
            Command(
                "rm", aliases: ["remove"], summary: "Remove a document (its versions stay in its history)",
                usage: ["docs rm ID|PATH"],
                notes:
                    "The removal reaches everyone at the next sync; `renkei docs history` still lists every version.",
                examples: ["docs rm ヒアリング/2026/議事録.docx"],
                run: DocsCommand.verb { try $0.remove(&$1) }),
            Command(
                "history", summary: "Every version of a document: who, when, size, SHA-256",
                usage: ["docs history ID|PATH [--json] [--proxy URL]"],
                options: [ClientOptions.json, ClientOptions.proxy],
                notes: """
                    History comes from the server when it can be reached (every version), else from this replica \
                    (versions it has seen). Get a version with `renkei docs get ID --version N`.
                    """,
                examples: ["docs history ヒアリング/2026/議事録.docx"],
                run: DocsCommand.verb { try $0.history(&$1) }),
            Command(
                "verify", summary: "Check every cached file's SHA-256",
                usage: ["docs verify [--repair] [--json]"], options: [ClientOptions.repair, ClientOptions.json],
                notes: """
                    Exit status 65 when a cached file is damaged, or a document waiting for upload has no file in \
                    the cache (put it again).
                    """,
                examples: ["docs verify --repair"],
                run: DocsCommand.verb { try $0.verify(&$1) }),
        ])
}
