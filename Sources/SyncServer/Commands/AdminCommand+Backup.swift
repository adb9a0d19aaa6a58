import CommandLineSupport
import Foundation
import Glibc
import Localization
import Models
import SyncStorage

extension AdminCommand {
    /// `admin backup DIR`: a consistent copy of the data directory while the server serves: the
    /// database through SQLite's online backup, then every stored file (files are immutable and
    /// named by hash, and a document is accepted only once its file is stored, so every file the
    /// copied database names is there).
    ///
    /// With `--keep N`, DIR is the directory of backups: the backup goes into a new
    /// `DIR/renkei-YYYYMMDD-HHMMSS` (UTC), and then only the N newest backups of that form (with
    /// their `backup.json`) are kept; anything else in DIR is left alone.
    static func backup(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let keepText = try arguments.option(ServerOptions.keep)
        let given = URL(fileURLWithPath: try arguments.positional("DIR")).standardizedFileURL
        try arguments.finish()
        let keep = try keepText.map { text throws(UsageError) -> Int in
            guard let count = Int(text), (1...1000).contains(count) else {
                throw UsageError(localized("backup.keep.invalid"))
            }
            return count
        }
        let target = keep == nil ? given : given.appendingPathComponent(Self.backupName(at: Date()))
        let manager = FileManager.default
        if manager.fileExists(atPath: target.path),
            !((try? manager.contentsOfDirectory(atPath: target.path))?.isEmpty ?? false)
        {
            throw CommandFailure(localized("backup.target.not.empty", ["path": target.path]), status: .failure)
        }
        try manager.createDirectory(
            at: target, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let store = try data.openStore(create: false)
        let blobs = try data.openBlobStore()
        let started = Date()
        try store.backup(to: target.appendingPathComponent("renkei.sqlite").path)
        let copy = try BlobStore(root: target.appendingPathComponent("blobs"))
        var bytes: Int64 = 0
        let hashes = try blobs.storedHashes()
        for hash in hashes {
            let destination = copy.url(for: hash)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: blobs.url(for: hash), to: destination)
            bytes += blobs.size(of: hash) ?? 0
        }
        let sequence = try store.lastSequence()
        let manifest: JSONValue = [
            "created_at": .string(AuditFormat.time(UnixTime.milliseconds())), "sequence": .integer(sequence),
            "epoch": .string(try store.epoch()), "files": .integer(Int64(hashes.count)), "bytes": .integer(bytes),
        ]
        try Data(manifest.canonicalBytes).write(to: target.appendingPathComponent("backup.json"))
        try Self.record(
            store.access, "admin backup", "dir=\(target.lastPathComponent) sequence=\(sequence) files=\(hashes.count)")
        let done: [String: Any] = [
            "data": data.url.path, "target": target.path, "sequence": sequence, "files": hashes.count, "bytes": bytes,
            "seconds": String(format: "%.1f", Date().timeIntervalSince(started)),
        ]
        print(localized("backup.done", done))
        guard let keep else { return }
        let removed = try Self.pruneBackups(in: given, keeping: keep, made: target.lastPathComponent, now: Date())
        if !removed.isEmpty {
            try Self.record(
                store.access, "admin backup prune", "kept=\(keep) removed=\(removed.joined(separator: ","))")
            let names = removed.joined(separator: ", ")
            print(localized("backup.pruned", ["count": removed.count, "keep": keep, "names": names]))
        }
    }

    /// `renkei-20261130-020000`: a backup's directory name under `--keep` (UTC, sorts by time).
    static func backupName(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "renkei-%04d%02d%02d-%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0,
            parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// Removes all but the `count` newest backups in `directory`: directories (not links) named
    /// `renkei-YYYYMMDD-HHMMSS` in ASCII digits, dated no later than a day after `now`, holding a
    /// `backup.json` this command wrote (with `sequence` and `epoch`). The backup just `made` is
    /// never removed, and counts among the newest. Returns the names removed.
    static func pruneBackups(in directory: URL, keeping count: Int, made: String, now: Date) throws -> [String] {
        let manager = FileManager.default
        let latest = backupName(at: now.addingTimeInterval(86_400))
        let backups = try manager.contentsOfDirectory(atPath: directory.path).filter { name in
            guard name.utf8.count == 22,
                name.range(of: "^renkei-[0-9]{8}-[0-9]{6}$", options: .regularExpression) != nil,
                name <= latest
            else { return false }
            let url = directory.appendingPathComponent(name)
            guard let type = try? manager.attributesOfItem(atPath: url.path)[.type] as? FileAttributeType,
                type == .typeDirectory,
                let manifest = try? Data(contentsOf: url.appendingPathComponent("backup.json")),
                case .object(let members) = try? JSONValue(parsing: Array(manifest)),
                members["sequence"] != nil, members["epoch"] != nil
            else { return false }
            return true
        }.sorted()
        let kept = Set(backups.suffix(count)).union([made])
        let old = backups.filter { !kept.contains($0) }
        for name in old { try manager.removeItem(at: directory.appendingPathComponent(name)) }
        return old
    }

    /// `admin restore BACKUP`: replaces the data directory with a backup, after checking it
    /// (database integrity, every file's hash). The server must be stopped. The restored database
    /// gets a new epoch: replicas that synced after the backup send their own changes again.
    ///
    /// The audit log stays whole (`AuditRestorePlan`): entries the replaced database wrote after
    /// the backup are carried over, the restore's own entry names the replaced log's last entry,
    /// and no entry number is ever given twice. The replaced directory is kept beside it.
    static func restore(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let force = arguments.flag(ServerOptions.force)
        let source = URL(fileURLWithPath: try arguments.positional("BACKUP")).standardizedFileURL
        try arguments.finish()
        let manager = FileManager.default
        let backupDatabase = source.appendingPathComponent("renkei.sqlite").path
        guard manager.fileExists(atPath: backupDatabase) else {
            throw CommandFailure(localized("backup.restore.not.backup", ["path": source.path]), status: .noInput)
        }
        let lock = try ServeLock(data.url)
        guard lock.acquire() else {
            throw CommandFailure(localized("backup.restore.serving", ["path": data.url.path]), status: .failure)
        }
        let replacing = manager.fileExists(atPath: data.databasePath)
        guard !replacing || force else {
            let values = ["path": data.url.path, "name": data.url.lastPathComponent]
            throw CommandFailure(localized("backup.restore.holds.data", values), status: .failure)
        }
        // Check the backup before touching anything.
        let staging = data.url.deletingLastPathComponent().appendingPathComponent(
            ".\(data.url.lastPathComponent).restoring")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(
            at: staging, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try manager.copyItem(atPath: backupDatabase, toPath: staging.appendingPathComponent("renkei.sqlite").path)
        // A backup made by an older version may hold 0644 files: private before anything is read.
        try ServerDataDirectory.secure(staging, logger: Logger())
        let restored = try ServerStore(path: staging.appendingPathComponent("renkei.sqlite").path)
        let problems = try restored.integrityProblems()
        guard problems.isEmpty else {
            try? manager.removeItem(at: staging)
            throw CommandFailure(
                localized("backup.restore.database.damaged", ["problems": problems.prefix(3).joined(separator: "; ")]),
                status: .dataError)
        }
        let files = try BlobStore(root: staging.appendingPathComponent("blobs"))
        let backupBlobs = try BlobStore(root: source.appendingPathComponent("blobs"))
        for hash in try backupBlobs.storedHashes() {
            guard try backupBlobs.rehash(hash) == hash else {
                try? manager.removeItem(at: staging)
                throw CommandFailure(localized("backup.restore.file.damaged", ["hash": hash]), status: .dataError)
            }
            let destination = files.url(for: hash)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: backupBlobs.url(for: hash), to: destination)
        }
        try restored.renewEpoch()
        let kept = data.url.deletingLastPathComponent().appendingPathComponent(
            "\(data.url.lastPathComponent).replaced-\(UnixTime.milliseconds())")
        let audit = try continueAudit(restored, replacing: replacing ? data : nil, keptAs: kept, source: source)
        // Swap: the current directory is kept beside it, never deleted.
        if replacing {
            try manager.moveItem(at: data.url, to: kept)
            print(localized("backup.restore.kept", ["path": kept.path]))
        } else if manager.fileExists(atPath: data.url.path) {
            try manager.removeItem(at: data.url)
        }
        try manager.moveItem(at: staging, to: data.url)
        let sequence = try ServerStore(path: data.databasePath).lastSequence()
        print(localized("backup.restore.done", ["source": source.path, "data": data.url.path, "sequence": sequence]))
        print(audit)
    }

    /// Writes the restore into the restored database's audit log, continuing the log of the
    /// database in `replaced` (nil: none), and says what happened to it.
    private static func continueAudit(
        _ restored: ServerStore, replacing replaced: ServerDataDirectory?, keptAs kept: URL, source: URL
    )
        throws -> String
    {
        var plan = try restored.access.planRestore(replacing: nil)
        var unreadable: String?
        if let replaced {
            do {
                plan = try restored.access.planRestore(replacing: try ServerStore(path: replaced.databasePath).access)
            } catch {
                // A damaged database is a reason to restore: go on, and say what could not be kept.
                unreadable = "\(error)"
            }
        }
        var detail = "from=\(source.lastPathComponent) sequence=\(try restored.lastSequence())"
        detail += " backup_audit_head=\(plan.backupHead.sequence)"
        if let head = plan.replacedHead {
            detail += " replaced_audit_head=\(head.sequence):\(head.hash)"
            detail += plan.carried.isEmpty ? " carried=none" : " carried=\(plan.carried.count)"
        }
        if unreadable != nil { detail += " replaced_audit=unreadable" }
        if let diverged = plan.divergedAt { detail += " diverged_at=\(diverged)" }
        try restored.access.recordRestore(
            plan, entry: AuditEntry(user: Self.operatorName, action: "admin restore", detail: detail, peer: "local"))
        let entry = plan.restoreSequence
        if let unreadable {
            let values: [String: Any] = ["error": unreadable, "path": kept.path, "entry": entry]
            return localized("backup.restore.audit.unreadable", values)
        }
        guard let head = plan.replacedHead else { return localized("backup.restore.audit.entry", ["entry": entry]) }
        let ended: [String: Any] = ["last": head.sequence, "hash": head.hash, "entry": entry]
        var lines = [localized("backup.restore.audit.continued", ended)]
        if let first = plan.carried.first, let last = plan.carried.last {
            lines.append(
                localized("backup.restore.audit.carried", ["first": first.sequence, "last": last.sequence]))
        }
        if let diverged = plan.divergedAt {
            let values: [String: Any] = ["diverged": diverged, "last": head.sequence, "path": kept.path]
            lines.append(localized("backup.restore.audit.diverged", values))
        }
        if let skipped = plan.skipped {
            lines.append(
                localized("backup.restore.audit.skipped", ["first": skipped.lowerBound, "last": skipped.upperBound]))
        }
        return lines.joined(separator: "\n")
    }
}

/// An exclusive lock on `<data>/.serve.lock`, held by `serve` for its lifetime, so that two
/// servers never share a data directory and `restore` never runs under a serving one.
final class ServeLock {
    private let descriptor: Int32

    init(_ directory: URL) throws {
        try FileManager.default.createDirectory(
            at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        descriptor = open(directory.appendingPathComponent(".serve.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CommandFailure(localized("backup.cannot.lock", ["path": directory.path]), status: .failure)
        }
    }

    /// Takes the lock without waiting; false when another process holds it.
    func acquire() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    deinit { close(descriptor) }
}
