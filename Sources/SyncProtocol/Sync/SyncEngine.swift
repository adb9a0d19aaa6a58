import Foundation
import Localization
import Models
import SyncStorage

/// One sync round: upload the files of documents waiting to be pushed, push the outbox batch
/// by batch (up to three in flight, `pushAll`), then pull pages until the server has no more.
/// Every step is durable on its own, so a crash or a lost connection anywhere resumes at the
/// next run without losing or duplicating anything:
/// - a batch leaves the outbox only after the server's 200 (which comes after its commit);
///   a retry resends the same batch name and number, and the server applies it once;
/// - each pulled page is applied together with its cursor in one local transaction.
public struct SyncEngine {
    public let store: ReplicaStore
    public var api: SyncAPI
    /// Changes per push batch (about 250 KB of JSON per 1,000; the server accepts 8 MiB). One
    /// batch is one durable server transaction: larger batches mean fewer fsyncs.
    public var batchSize = 10_000
    /// Changes per pull page (the server allows up to 10,000).
    public var pageSize = 10_000
    /// Pulled changes committed together: pages are applied in one local transaction until it
    /// holds at least this many (fewer commits; keys in random order apply 13-30% faster).
    public var commitGroup = 50_000
    /// Called after each batch or page (for progress output).
    public var progress: (SyncReport) -> Void = { _ in }
    /// The local file cache; files of pending documents are uploaded from it.
    public var cache: BlobStore?
    /// Makes the progress callback of one file upload, given its name and size.
    public var uploadProgress: (_ name: String, _ size: Int64) -> (Int64) -> Void = { _, _ in { _ in } }

    public init(store: ReplicaStore, api: SyncAPI) {
        self.store = store
        self.api = api
    }

    public func run() throws -> SyncReport {
        var report = SyncReport()
        report.pending = Int(try store.pendingCount())
        var clock = StepClock()
        let health = try api.serverHealth()
        report.requeued = try checkServerEpoch(health.response.epoch)
        let acknowledged = try adoptTokenUser()
        if acknowledged > (try store.highestPushNumber()) {
            // The server applied batches this replica does not remember: restored from an old copy.
            report.rewound = try store.continueAsNewReplica()
        }
        if try store.hasUnsettledRewind() {
            // Everything first, so that re-stamped versions see what they had seen before.
            try pullAll(into: &report, clock: &clock)
            report.rewindConflicts = try store.settleRewind()
        }
        if let cache {
            for blob in try store.pendingBlobs() {
                guard cache.size(of: blob.sha256) == blob.size else {
                    report.setAside += try settleUncachedFile(blob)
                    continue
                }
                var uploader = BlobUploader(api: api, blobs: cache)
                uploader.progress = uploadProgress(blob.name, blob.size)
                try uploader.upload(sha256: blob.sha256)
                report.uploadedFiles += 1
            }
            report.networkSeconds += clock.lap()
        }
        try pushAll(into: &report, clock: &clock, window: health.pushWindow, gzip: health.takesGzipPushes)
        try pullAll(into: &report, clock: &clock)
        try store.setSetting(.lastSync, to: String(UnixTime.milliseconds()))
        report.conflicts = Int(try store.conflictCount())
        return report
    }

    /// Pushes the outbox batch by batch with up to `window` batches in flight: while the server
    /// applies one batch, the next is read from the outbox, sent and decoded, so the client's
    /// work, the network and the server's decoding overlap the server's transaction. Answers are
    /// taken in the order the batches were sent; each batch leaves the outbox only with its 200.
    ///
    /// When a batch fails, the batches still in flight are waited for and those the server
    /// applied are acknowledged before the error is thrown (or the replica continues under a new
    /// id on `replica_rewound`): nothing the server holds is sent again under a new name.
    private func pushAll(into report: inout SyncReport, clock: inout StepClock, window: Int, gzip: Bool) throws {
        var inFlight: [(batch: PushBatch, call: BackgroundCall<PushResponse>)] = []
        while true {
            while inFlight.count < window,
                let batch = try store.nextPushBatch(limit: batchSize, excluding: Set(inFlight.map(\.batch.name)))
            {
                let request = PushRequest.encode(
                    replica: store.replicaID, batch: batch.name, number: batch.number, rawChanges: batch.changesJSON)
                let api = self.api
                inFlight.append(
                    (
                        batch,
                        BackgroundCall(name: "renkei-push") { () throws(SyncError) in
                            try api.push(request, gzip: gzip)
                        }
                    ))
            }
            guard !inFlight.isEmpty else { return }
            let (batch, call) = inFlight.removeFirst()
            report.localSeconds += clock.lap()
            let outcome = Result { () throws(SyncError) in try call.value() }
            report.networkSeconds += clock.lap()
            switch outcome {
            case .success(let answer):
                try settle(batch, answer, into: &report)
            case .failure(let error):
                for (other, call) in inFlight {
                    if let answer = try? call.value() { try settle(other, answer, into: &report) }
                }
                inFlight.removeAll()
                guard error.code == .replicaRewound, report.rewound == nil else { throw error }
                // Found only now (the replica was copied back during this round): same recovery.
                report.rewound = try store.continueAsNewReplica()
                try pullAll(into: &report, clock: &clock)
                report.rewindConflicts = try store.settleRewind()
            }
        }
    }

    /// Takes the server's answer to `batch`: the batch leaves the outbox, its rejected changes
    /// are set aside.
    private func settle(_ batch: PushBatch, _ answer: PushResponse, into report: inout SyncReport) throws {
        try store.acknowledge(batch: batch.name, rejected: try Self.locate(answer.rejected, in: batch))
        report.rejected += answer.rejected.count
        report.pushed += batch.count
        report.batches += 1
        if answer.replayed { report.replayedBatches += 1 }
        progress(report)
    }

    /// Pulls pages until the server has no more, each applied with its cursor. While a page is
    /// applied, the next one is already on its way (`PagePrefetch`). Pages are committed in
    /// groups of about `commitGroup` changes (`ReplicaStore.applyPulledPages`): a failure loses
    /// at most the group being applied, which the next pull fetches again.
    ///
    /// A group's first page is waited for before its transaction begins; a later page joins
    /// the group only if it arrives within `groupWaitSeconds` (it usually has: it was fetched
    /// while the page before was applied). So a write of the user's (`renkei ui`, another
    /// command) never waits for the network behind a sync, only for a group's local work.
    private func pullAll(into report: inout SyncReport, clock: inout StepClock) throws {
        var cursor = try store.pullCursor()
        var prefetched: PagePrefetch?
        var finished = false
        while !finished {
            report.localSeconds += clock.lap()
            var next: PagePrefetch.Page? =
                try prefetched?.page()
                ?? PagePrefetch.fetch(api: api, since: cursor, limit: pageSize, exceptAuthor: store.replicaID)
            report.networkSeconds += clock.lap()
            var grouped = 0
            try store.applyPulledPages { previous in
                if let previous {
                    report.localSeconds += clock.lap()
                    report.accepted += previous.accepted
                    progress(report)
                    if !finished, grouped < commitGroup {
                        // A failed page ends the group without undoing it: the error is met
                        // again outside the transaction, where the next group starts.
                        next = (try? prefetched?.page(waitingAtMost: Self.groupWaitSeconds)) ?? nil
                        report.networkSeconds += clock.lap()
                    }
                }
                guard let fetched = next else { return nil }
                next = nil
                let page = fetched.response
                if page.next < cursor {
                    throw SyncError.invalidAnswer(
                        localized("sync.error.cursor.back", ["cursor": cursor, "next": page.next]))
                }
                if page.more && page.next == cursor {
                    throw SyncError.invalidAnswer(localized("sync.error.cursor.stuck", ["cursor": cursor]))
                }
                prefetched =
                    page.more
                    ? PagePrefetch(api: api, since: page.next, limit: pageSize, exceptAuthor: store.replicaID) : nil
                report.pulled += page.changes.count
                report.pages += 1
                report.morePages = page.more
                grouped += page.changes.count
                finished = !page.more
                cursor = page.next
                return (fetched.encoded, page.next)
            }
        }
    }

    /// How long a commit group waits for its next page before it commits without it, in seconds.
    static let groupWaitSeconds = 0.5

    /// A pending document names a file this replica does not hold with that size: a version
    /// picked from another office (`conflicts resolve --pick`), or a value written by hand. When
    /// the server already has the file and this user may name it, the document goes as it is
    /// (returns 0). Otherwise it can never be sent from here: it is set aside (`renkei rejected`,
    /// `blob_missing`) instead of refusing every later push; returns how many were.
    /// A file the server refuses to take at all (a malformed hash or size, over its size limit)
    /// is set aside the same way.
    private func settleUncachedFile(_ blob: (sha256: String, size: Int64, name: String)) throws -> Int {
        let answer = Result { () throws(SyncError) in try api.startUpload(sha256: blob.sha256, size: blob.size) }
        switch answer {
        case .success(let status):
            if status.complete { return 0 }
        case .failure(let error):
            // Refused for what it is, no retry can send it; anything else stops the round as before.
            guard error.code == .invalidField || error.code == .payloadTooLarge else { throw error }
        }
        let values: [String: Any] = ["name": blob.name, "hash": blob.sha256.prefix(12), "size": blob.size]
        return try store.setAsidePendingDocuments(
            naming: blob.sha256, size: blob.size, code: ErrorCode.blobMissing.rawValue,
            message: localized("sync.document.file.unavailable", values))
    }

    /// Compares the server's database epoch with the one seen last time. A different epoch
    /// means the server was restored from a backup: this replica's own versions are queued
    /// again (the server may have lost some) and the next pull starts over. Returns how many
    /// were queued.
    private func checkServerEpoch(_ epoch: String) throws -> Int {
        guard !epoch.isEmpty else { return 0 }
        let known = try store.setting(.serverEpoch)
        var requeued = 0
        if let known, known != epoch { requeued = try store.requeueOwnVersionsForRestoredServer() }
        if known != epoch { try store.setSetting(.serverEpoch, to: epoch) }
        return requeued
    }

    /// The server accepts only versions that carry its token's user: when the token belongs to
    /// another user than this replica was set up with, the replica takes the token's user, and
    /// its versions not yet sent are rewritten to carry it (nobody else has them yet).
    ///
    /// - Returns: the highest push number the server applied from this replica (`last_push`).
    private func adoptTokenUser() throws -> Int64 {
        let who = try api.whoami(replica: store.replicaID)
        // Every local write carries the replica's `user` setting, so pending versions need
        // rewriting only when that setting changes.
        if try store.setting(.user) != who.user {
            try store.restampPending(user: who.user)
            try store.setSetting(.user, to: who.user)
        }
        // Rights change on the server (an admin allows the advisor to enter for a municipality).
        if try store.setting(.role) != who.role.rawValue { try store.setSetting(.role, to: who.role.rawValue) }
        let entries = who.onBehalf.map(\.rawValue).joined(separator: ",")
        if try store.setting(.onBehalf) ?? "" != entries { try store.setSetting(.onBehalf, to: entries) }
        return who.lastPush ?? 0
    }

    /// The local sequences of the changes the server refused, found by their register (a batch
    /// holds one change per register); refusals of registers not in the batch are ignored.
    static func locate(_ rejected: [RejectedChange], in batch: PushBatch) throws -> [(
        sequence: Int64, code: String, message: String
    )] {
        guard !rejected.isEmpty else { return [] }
        var sequences: [RecordKey: Int64] = [:]
        for (json, sequence) in zip(batch.changesJSON, batch.sequences) {
            sequences[try Change(decoding: json).key] = sequence
        }
        return rejected.compactMap { rejection in
            sequences[rejection.key].map { ($0, rejection.code.rawValue, rejection.message) }
        }
    }
}

/// Seconds between laps, on the monotonic clock.
struct StepClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Seconds since the previous lap (or since creation).
    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}

/// What a sync round did (so far, when handed to a progress callback).
public struct SyncReport: Sendable, Equatable {
    /// Local changes waiting when the round began.
    public var pending = 0
    /// Files of pending documents made sure of on the server (sent, resumed, or already there).
    public var uploadedFiles = 0
    /// Own versions queued again because the server was restored from a backup.
    public var requeued = 0
    public var pushed = 0
    public var batches = 0
    public var pages = 0
    /// Whether the server said more pages wait after the last one pulled.
    public var morePages = false
    /// Seconds spent in the local database (reading the outbox, applying pages).
    public var localSeconds = 0.0
    /// Seconds spent waiting for the server (transfer and its work).
    public var networkSeconds = 0.0
    /// Batches the server had already applied (a retry after a lost answer).
    public var replayedBatches = 0
    /// Changes the server refused for good (set aside: `renkei rejected`).
    public var rejected = 0
    /// Documents set aside before the push because their file can be sent from nowhere: not in
    /// this replica's cache with that size, nor on the server for this user (`blob_missing`).
    public var setAside = 0
    /// Everything this round put in `renkei rejected`: refused by the server, or set aside.
    public var newlyRejected: Int { rejected + setAside }
    /// Set when this replica turned out to be restored from an old copy of itself and
    /// continued under a new replica id (`ReplicaStore.continueAsNewReplica`).
    public var rewound: RewindRecovery?
    /// After such a recovery: fields where the restored copy and the server both hold changes
    /// the other had not seen (now visible conflicts).
    public var rewindConflicts = 0
    public var pulled = 0
    /// Pulled changes that were new here.
    public var accepted = 0
    /// Fields with concurrent versions after the round.
    public var conflicts = 0

    public init() {}
}
