import Localization

/// The last entry of an audit log: its number and hash (0 and 64 zeros for an empty log).
public struct AuditHead: Hashable, Sendable {
    public let sequence: Int64
    public let hash: String
}

/// How the audit log of a restored database goes on from the log of the database it replaces,
/// so that a restore never hides or rewrites history (`AccessStore.planRestore`, then
/// `AccessStore.recordRestore`):
///
/// - When the replaced log continues the backup's (the usual case: the backup was taken from
///   this server), its entries written after the backup are carried over as they are (same
///   numbers, times and hashes), so the restored log holds the whole history.
/// - When it does not (a backup of another server, or of a branch an older restore set aside),
///   nothing can be carried over: `divergedAt` says where the two differ, and the replaced log
///   stays in the set-aside directory.
/// - Either way the restore's own entry takes a number after every number the replaced log
///   used; numbers it skips are named in that entry (`skipped=FROM-TO`, covered by its hash),
///   which `verify` accepts. No number ever names two different entries.
public struct AuditRestorePlan: Sendable {
    /// The last entry of the restored (backup's) log.
    public let backupHead: AuditHead
    /// The last entry of the replaced log; nil when there was none.
    public let replacedHead: AuditHead?
    /// The highest number the replaced log ever used (entries removed from its end count).
    public let replacedHighest: Int64
    /// The replaced log's entries written after the backup, oldest first, to be carried over.
    public let carried: [AuditRecord]
    /// The first number at which the replaced log differs from the backup's; nil when one
    /// continues the other.
    public let divergedAt: Int64?

    /// The last number of the restored log once the entries are carried over.
    public var carriedThrough: Int64 { carried.last?.sequence ?? backupHead.sequence }

    /// The number the restore's entry gets: after the carried entries and after every number
    /// the replaced log used.
    public var restoreSequence: Int64 { max(carriedThrough, replacedHighest) + 1 }

    /// Numbers the restored log does not use, so that none is reused with other content.
    public var skipped: ClosedRange<Int64>? {
        restoreSequence > carriedThrough + 1 ? (carriedThrough + 1)...(restoreSequence - 1) : nil
    }
}

/// Why a restore could not continue the audit log: an entry to carry over does not follow the
/// one before it (the replaced log was tampered with), or the restored log changed meanwhile.
public struct AuditContinuationError: Error, CustomStringConvertible {
    public let sequence: Int64
    public let reason: String

    public var description: String {
        localized("storage.audit.cannot.continue", ["sequence": sequence, "reason": reason])
    }
}
