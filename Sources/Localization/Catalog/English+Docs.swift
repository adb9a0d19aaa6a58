extension MessageCatalog {
    /// English messages: documents shared through the file store.
    static let englishDocs: [String: String] = [
        "docs.summary": "Share documents through the prefecture's file store",
        "docs.overview":
            "Share documents through the prefecture's file store. Works offline: `put` keeps the file in the local cache and the next `renkei sync` uploads it (resuming if interrupted) before its record; `get` downloads a file only when it is not cached, resumes an interrupted download and checks its SHA-256.",
        "docs.put.summary": "Put a file in the store (uploaded at the next sync)",
        "docs.put.notes":
            "Putting a file with the same folder and name as an existing document stores a new version of it. If two offices replace the same document before syncing, both versions are kept as a conflict (`docs ls` marks it; get either with --version); put again to settle it.",
        "docs.ls.summary": "List the documents this replica knows of",
        "docs.ls.notes": "A document two offices replaced before syncing is marked CONFLICT: see `docs history`.",
        "docs.get.summary": "Write a document's file here (downloaded when not cached, SHA-256 checked)",
        "docs.get.notes":
            "The file is downloaded only when it is not cached; an interrupted download resumes, and the SHA-256 is checked before anything is written.",
        "docs.rm.summary": "Remove a document (its versions stay in its history)",
        "docs.rm.notes":
            "The removal reaches everyone at the next sync; `renkei docs history` still lists every version.",
        "docs.history.summary": "Every version of a document: who, when, size, SHA-256",
        "docs.history.notes":
            "History comes from the server when it can be reached (every version), else from this replica (versions it has seen). Get a version with `renkei docs get ID --version N`.",
        "docs.verify.summary": "Check every cached file's SHA-256",
        "docs.verify.notes":
            "Exit status 65 when a cached file is damaged, or a document waiting for upload has no file in the cache (put it again).",
        "docs.put.name.choose": "{error}; choose one with --name",
        "docs.put.stored": "Stored {path} ({size}, scope {scope}) as document {id}.",
        "docs.put.stored.new.version": "Stored a new version of {path} ({size}, scope {scope}) as document {id}.",
        "docs.put.upload.next": "It will be uploaded at the next `renkei sync`.",
        "docs.put.no.file": "no file {path}",
        "docs.put.cannot.store": "cannot store {path}: {error}",
        "docs.list.none": "No documents.",
        "docs.list.conflict": "  [CONFLICT: {count} versions; see `renkei docs history {id}`]",
        "docs.removed": "Removed {path} (document {id}); its versions stay in `renkei docs history`.",
        "docs.history.title": "Document {id} (scope {scope}):",
        "docs.history.removed": "(removed)",
        "docs.history.current": "  [current]",
        "docs.history.current.conflict": "  [current, in conflict]",
        "docs.history.line": "  [{number}] {time}  {user} on {replica}  {what}{mark}",
        "docs.history.offline": "(Server not reachable: only the versions this replica has seen are listed.)",
        "docs.history.truncated":
            "(The server sent only the newest versions of this document; older ones are not listed, and the numbers count the versions listed.)",
        "docs.history.get": "Get a version with `renkei docs get {id} --version N`.",
        "docs.get.output.changed": "{path} changed while docs get looked at it; nothing was written. Run it again",
        "docs.get.output.special":
            "{path} is a link to a device or pipe, another user's pipe, or another special file: docs get does not write into it even with --force. Choose another name, or use -o - to write to standard output",
        "docs.get.exists": "{path} exists; choose another name with -o or overwrite it with --force",
        "docs.get.json.stdout": "--json cannot be used with -o -: the file itself goes to standard output then",
        "docs.get.wrote": "Wrote {path} ({size}, SHA-256 verified).",
        "docs.get.version.range": "--version must be a number from 1 to {count} (see `renkei docs history`)",
        "docs.get.version.removed": "version {number} is the removal of the document; it has no file",
        "docs.get.conflict": "document {id} has {count} conflicting versions; pick one: {choices}",
        "docs.get.unreachable": "{error} ({url}); what arrived is kept and the next `docs get` resumes",
        "docs.get.not.on.server":
            "the server has no file for {path} you may download ({message}); if it was put on another replica, that replica must sync first",
        "docs.get.cannot.write": "cannot write {path}: {reason}",
        "docs.get.partial.refused":
            "{partial} (where {name} is written before it is renamed into place) is a symbolic link or not a regular file; it was left alone and nothing was written. Remove it if you did not put it there, or choose another directory with -o",
        "docs.get.damaged":
            "the cached copy of this file was damaged (SHA-256 differs); it was removed: run the command again to download it",
        "docs.verify.done": "Verified {count} cached file(s), {size}: SHA-256 matches.",
        "docs.verify.damaged.removed": "removed; `docs get` downloads it again",
        "docs.verify.damaged.pending": "waiting for upload: put the original file again with `renkei docs put`",
        "docs.verify.damaged.repair": "run `renkei docs verify --repair` to remove it",
        "docs.verify.damaged": "DAMAGED {hash}: {fate}",
        "docs.verify.missing": "MISSING {hash}: a document waiting for upload has no file here; put it again",
        "docs.verify.failed": "{damaged} damaged and {missing} missing file(s) in the cache",
        "document.find.several": "{reference} names several documents: {ids}; give the id",
        "document.find.none":
            "no document {reference} in this replica (see `renkei docs ls`; sync to receive new ones)",
        "document.name.length": "must be 1-{max} bytes",
        "sync.document.file.unavailable":
            "{name}: its file ({hash}…, {size} bytes) is neither in this PC's file cache with that size nor on the server, so this document version cannot be sent. Put the file again with `renkei docs put`, or get the version you want with `renkei docs get --version`, then `renkei rejected retry`.",
        "document.problem.field": "a document has one field, {expected}, not {field}",
        "document.name.dots": "\".\" and \"..\" are not names",
        "document.name.separator": "must not contain / or \\ (use --folder for folders)",
        "document.name.control": "must not contain control characters",
        "document.name.nfc": "must be in Unicode NFC",
        "document.folder.length": "must be at most {max} bytes",
        "document.folder.slashes": "must not start or end with / or contain //",
        "document.name.direction":
            "must not contain characters that reorder text (such as U+202E): they can disguise what a file is",
    ]
}
