import CommandLineSupport
import Foundation
import Localization
import Models
import SyncStorage

extension AdminCommand {
    // MARK: - verify-blobs

    static func verifyBlobs(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let json = arguments.flag(ServerOptions.json)
        let quarantine = arguments.flag(ServerOptions.quarantine)
        try arguments.finish()
        let store = try data.openStore(create: false)
        let blobs = try data.openBlobStore()
        let referenced = try store.referencedBlobs()
        let progress = Terminal.errorIsTerminal && !json
        let verification = try blobs.verifyAll { done, total in
            guard progress else { return }
            let line = localized("admin.verify.blobs.progress", ["done": done + 1, "total": total])
            FileHandle.standardError.write(Data("\r\(line)".utf8))
        }
        let (stored, damaged, bytes) = (verification.checked, verification.damaged, verification.bytes)
        if progress && !stored.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        let missing = referenced.subtracting(stored).sorted()
        let scopes = { (hash: String) -> String in
            ((try? store.blobScopes(sha256: hash)) ?? []).map(\.description).sorted().joined(separator: ", ")
        }
        // Damaged copies out of the store: documents naming them then count as missing a file,
        // and the offices' next upload of it is stored again.
        var movedTo: [String: String] = [:]
        if quarantine {
            for hash in damaged { movedTo[hash] = try blobs.quarantine(hash, into: data.damagedURL).path }
        }
        if json {
            var object: [String: JSONValue] = [
                "checked": .integer(Int64(stored.count)), "bytes": .integer(bytes),
                "damaged": .array(damaged.map(JSONValue.string)), "missing": .array(missing.map(JSONValue.string)),
                "unreferenced": .integer(Int64(Set(stored).subtracting(referenced).count)),
            ]
            if quarantine { object["quarantined"] = .object(movedTo.mapValues(JSONValue.string)) }
            print(JSONValue.object(object).canonicalText)
        } else {
            print(localized("admin.verify.blobs.checked", ["count": stored.count, "bytes": bytes]))
            for hash in damaged {
                let scopes = scopes(hash)
                let owners = scopes.isEmpty ? localized("admin.verify.blobs.no.owner") : scopes
                print(localized("admin.verify.blobs.damaged", ["hash": hash, "scopes": owners]))
                if let path = movedTo[hash] {
                    print("  " + localized("admin.verify.blobs.quarantined", ["path": path]))
                }
            }
            for hash in missing {
                print(localized("admin.verify.blobs.missing", ["hash": hash, "scopes": scopes(hash)]))
            }
            if damaged.isEmpty && missing.isEmpty { print(localized("admin.verify.blobs.intact")) }
        }
        if !damaged.isEmpty || !missing.isEmpty {
            throw CommandFailure(
                localized("admin.verify.blobs.failed", ["damaged": damaged.count, "missing": missing.count]),
                status: .dataError)
        }
    }

    // MARK: - gc

    static func collectGarbage(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let json = arguments.flag(ServerOptions.json)
        let apply = arguments.flag(ServerOptions.apply)
        let daysText = try arguments.option(ServerOptions.retentionDays)
        try arguments.finish()
        var days = defaultRetentionDays
        if let daysText {
            guard let value = Int(daysText), value >= 0 else {
                throw UsageError(localized("admin.gc.days.invalid"))
            }
            days = value
        }
        let store = try data.openStore(create: false)
        let blobs = try data.openBlobStore()
        let cutoff = Date().addingTimeInterval(-Double(days) * 86_400)
        // Referenced hashes are read after listing the files: a file uploaded and named in
        // between is then seen as referenced, never removed.
        let stored = try blobs.storedHashes()
        let referenced = try store.referencedBlobs()
        var candidates: [(hash: String, size: Int64)] = []
        for hash in stored where !referenced.contains(hash) {
            let attributes = try? FileManager.default.attributesOfItem(atPath: blobs.url(for: hash).path)
            guard let modified = attributes?[.modificationDate] as? Date, modified < cutoff else { continue }
            candidates.append((hash, blobs.size(of: hash) ?? 0))
        }
        if apply {
            for candidate in candidates { try blobs.remove(candidate.hash) }
        }
        let total = candidates.reduce(0) { $0 + $1.size }
        if json {
            print(
                JSONValue.object([
                    "applied": .bool(apply), "retention_days": .integer(Int64(days)),
                    "files": .array(candidates.map { JSONValue.string($0.hash) }), "bytes": .integer(total),
                ]).canonicalText)
            return
        }
        for candidate in candidates {
            let values: [String: Any] = ["hash": candidate.hash, "size": candidate.size]
            print(apply ? localized("admin.gc.removed.file", values) : localized("admin.gc.would.remove.file", values))
        }
        let values: [String: Any] = ["count": candidates.count, "days": days, "bytes": total]
        let hint = apply || candidates.isEmpty ? "" : localized("admin.gc.apply.hint")
        print((apply ? localized("admin.gc.removed", values) : localized("admin.gc.would.remove", values)) + hint)
    }
}
