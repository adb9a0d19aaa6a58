import Localization
import Models
import SyncStorage

/// The sync calls, free of HTTP: bytes of JSON in, bytes of JSON out, `ServiceError` on failure.
final class SyncService: Sendable {
    let store: ServerStore
    /// The file store: a document may be pushed only once the file it names is here.
    let blobs: BlobStore
    let logger: Logger

    /// Largest page a client may ask for.
    static let maxPullLimit = 10_000
    static let defaultPullLimit = 1_000
    /// A pull page ends once its changes reach this many bytes of JSON (8 MiB), whatever the
    /// limit: with values of up to 2 MiB (`ValueLimits`) a page of 10,000 could otherwise be
    /// gigabytes. A page always holds at least one change.
    static let maxPullPageBytes = 8 * 1024 * 1024
    /// Sequences one pull page looks at, at most: a pull whose caller gets none of them (another
    /// municipality's versions, or its own) ends there and the client asks again, so no request
    /// scans the whole store (one page costs at most about 30 ms of the read connection).
    static let pullScanWindow: Int64 = 100_000

    /// Counters for `GET /metrics`.
    let metrics: ServerMetrics

    /// Pushes decoded and applied at once (see `PushGate`).
    private let pushGate = PushGate()
    /// What each user's submission checks may cost over time (see `SubmissionCheckBudget`).
    let submissionChecks = SubmissionCheckBudget()

    init(store: ServerStore, blobs: BlobStore, logger: Logger, metrics: ServerMetrics = ServerMetrics()) {
        self.store = store
        self.blobs = blobs
        self.logger = logger
        self.metrics = metrics
    }

    /// Applies a push batch (one durable transaction, with its audit entry) and returns the
    /// `PushResponse` JSON. The server is the authority (see `PushAuthority`): a batch with a
    /// forged author, user or time, an impossible vector, a replica id of another user or a change
    /// the caller may not write is refused whole, and nothing is applied; a change that is
    /// refused for what it says (an invalid answer, a value too large, a record of another scope)
    /// is refused alone and listed in the answer's `rejected`, and the rest is applied.
    /// Every refusal is audited.
    ///
    /// A gzipped body (`coding`) is inflated to at most `inflatedLimit` bytes (the route's limit
    /// for a body sent as it is) once the push's turn has come, so waiting pushes hold only
    /// their compressed bytes.
    ///
    /// `weighed` is told what the batch weighs, in bytes, before it is applied: its size as
    /// decoded (inflated when gzipped), or the size of its stored rows when larger (a number
    /// sent as `9e15` is stored as `9000000000000000.0`); what the user's write budget is
    /// charged. A body that does not decode weighs its decoded size.
    func push(
        _ body: [UInt8], coding: RequestCoding = .identity, inflatedLimit: Int = 0, caller: Caller,
        weighed: (Int) -> Void = { _ in }
    ) throws(ServiceError) -> [UInt8] {
        try pushGate.pass(user: caller.user) { () throws(ServiceError) -> [UInt8] in
            try decodeAndApply(try coding.decoded(body, limit: inflatedLimit), caller: caller, weighed: weighed)
        }
    }

    private func decodeAndApply(_ body: [UInt8], caller: Caller, weighed: (Int) -> Void) throws(ServiceError)
        -> [UInt8]
    {
        let request: PushRequest
        do {
            request = try PushRequest(decoding: body)
        } catch {
            weighed(body.count)
            throw Self.decodingFailure(error)
        }
        // Encoded here, before the write lock (as `ServerStore.push` would), to be weighed.
        let encoded = EncodedChanges(request.changes, inParallel: true)
        weighed(max(body.count, encoded.byteCount))
        do {
            return try authorizedPush(request, encoded: encoded, caller: caller)
        } catch {
            if error.code != .unavailable && error.code != .internalError && error.code != .storageFull {
                refused(request, caller: caller, error)
            }
            throw error
        }
    }

    private func authorizedPush(_ request: PushRequest, encoded: EncodedChanges, caller: Caller) throws(ServiceError)
        -> [UInt8]
    {
        for (index, change) in request.changes.enumerated()
        where !caller.mayWrite(collection: change.key.collection, scope: change.scope) {
            throw ServiceError(
                .forbiddenScope,
                "changes[\(index)] (\(Printable.quoted(change.key.description)) in scope \(change.scope)): \(caller.description) may not write it; nothing was applied"
            )
        }
        var attempt = 1
        while true {
            let authority = PushAuthority(
                caller: caller, now: UnixTime.milliseconds(), store: store, checks: submissionChecks)
            try authority.checkIdentity(request)
            try checkDocuments(request.changes, caller: caller)
            let (rejected, surveysMark) = try authority.rejections(request)
            do {
                return try apply(
                    request, encoded: encoded, caller: caller, authority: authority,
                    verdicts: (rejected, surveysMark))
            } catch is CollectionMark.Changed {
                // A survey the checks read was closed or published again before the transaction
                // began: judge the batch again against the surveys as committed now.
                guard attempt < Self.checkAttempts else {
                    throw ServiceError(
                        .unavailable,
                        "a survey changed while this batch was being checked; nothing was applied, send it again")
                }
                attempt += 1
            } catch let error as ServiceError {
                throw error
            } catch {
                throw storageFailure(error, during: "push")
            }
        }
    }

    /// Times a batch is checked in a row when a survey it read keeps changing under it.
    static let checkAttempts = 3

    /// Applies `request` with the verdicts of `authority`'s checks; throws `ServiceError`, or
    /// `CollectionMark.Changed` (nothing applied) when a survey changed after the verdicts.
    private func apply(
        _ request: PushRequest, encoded: EncodedChanges, caller: Caller, authority: PushAuthority,
        verdicts: (rejected: [RejectedChange], surveysMark: CollectionMark?)
    ) throws -> [UInt8] {
        let (rejected, surveysMark) = verdicts
        do {
            // The audit names the replica the batch was bound to, not the request header's claim.
            var entry = caller.audit("push", Self.onBehalfDetail(request, caller: caller))
            entry.replica = request.replica.hex
            let response = try store.push(
                request, audit: entry, owner: caller.user, rejected: rejected,
                screen: authority.screen, encoded: encoded, unchanged: surveysMark)
            logger.log(
                .info, "push applied",
                [
                    ("user", caller.user), ("replica", request.replica.hex), ("batch", request.batch),
                    ("changes", "\(request.changes.count)"), ("accepted", "\(response.accepted)"),
                    ("rejected", "\(response.rejected.count)"), ("replayed", "\(response.replayed)"),
                ])
            metrics.pushed(accepted: response.accepted, rejected: response.rejected.count)
            return response.jsonBytes
        } catch let error as ServiceError {
            throw error
        } catch let changed as CollectionMark.Changed {
            throw changed
        } catch StorageError.replicaOwned(let replica, _) {
            throw ServiceError(
                .replicaOwned,
                "replica \(replica.hex) was first used by another user; each person's PC keeps its own replica (run `renkei init` to make one); nothing was applied"
            )
        } catch StorageError.replicaRewound(let replica, let number, let acknowledged) {
            throw ServiceError(
                .replicaRewound,
                "replica \(replica.hex) sent a new batch numbered \(number), but the server applied its batches up to \(acknowledged): this replica was restored from an older copy of itself. Nothing was applied; continue under a new replica id after pulling everything (`renkei sync` does this by itself)"
            )
        } catch {
            throw storageFailure(error, during: "push")
        }
    }

    /// `on_behalf=271403,272027` when an advisor's batch writes answers or a submission in the
    /// scope of municipalities it enters for (代理入力), else "": the audit says who entered what
    /// for whom.
    static func onBehalfDetail(_ request: PushRequest, caller: Caller) -> String {
        guard caller.grant.role == .advisor, !caller.grant.onBehalf.isEmpty else { return "" }
        var codes: Set<String> = []
        for change in request.changes {
            guard case .municipality(let code) = change.scope, caller.grant.onBehalf.contains(code) else { continue }
            let entered =
                change.key.collection == CollectionName.answers
                || (change.key.collection == CollectionName.submissions
                    && (try? Submission(json: change.version.value))?.state == .submitted)
            if entered { codes.insert(code.rawValue) }
        }
        return codes.isEmpty ? "" : "on_behalf=" + codes.sorted().joined(separator: ",")
    }

    /// The highest push number applied from `replica`, 0 unless the caller's user owns it.
    func lastPushNumber(of replica: ReplicaID, caller: Caller) throws(ServiceError) -> Int64 {
        do { return try store.lastPushNumber(of: replica, user: caller.user) } catch {
            throw storageFailure(error, during: "whoami")
        }
    }

    /// Logs and audits a refused push (its code and the start of its reason), so that the IT staff
    /// see attempts on the dashboard and in `admin audit`.
    private func refused(_ request: PushRequest, caller: Caller, _ error: ServiceError) {
        metrics.pushRefused()
        logger.log(
            .warning, "push refused",
            [
                ("user", caller.user), ("replica", request.replica.hex), ("code", error.code.rawValue),
                ("changes", "\(request.changes.count)"),
            ])
        let detail = "batch=\(request.batch) changes=\(request.changes.count) refused=\(error.code.rawValue)"
        do { try store.access.audit([caller.audit(AccessStore.pushRefusedAction, detail)]) } catch {
            logger.log(.error, "audit failed", [("detail", "\(error)")])
        }
    }

    /// Documents must be well formed (`Document`, or `null` to delete) and name a file the
    /// server holds, with the size they state, that the caller's user sent (an upload receipt)
    /// or may already read through another document: a record never points at missing bytes, and
    /// a known hash is no permission. Every other case, a foreign file included, gets the same
    /// answer as a file the server does not hold.
    private func checkDocuments(_ changes: [Change], caller: Caller) throws(ServiceError) {
        for (index, change) in changes.enumerated() where change.key.collection == Document.collection {
            let path = "changes[\(index)]"
            // A deletion names no file; a change of the wrong shape is refused alone
            // (`PushAuthority`'s `Document.problem`), so it cannot hold up the rest of its batch.
            guard change.key.field == Document.field, change.version.value != .null,
                let document = try? Document(json: change.version.value, path: "\(path).value")
            else { continue }
            let held = blobs.size(of: document.sha256) == document.size
            guard held, try mayName(document, caller: caller) else {
                throw ServiceError(
                    .blobMissing,
                    "\(path): the file of \(Printable.quoted(document.path)) (\(document.size) bytes, SHA-256 \(document.sha256.prefix(12))…) is not on the server; upload it first, then push"
                )
            }
        }
    }

    /// Whether the caller may name `document`'s file: its user sent the bytes, or may read a
    /// document that already names them.
    private func mayName(_ document: Document, caller: Caller) throws(ServiceError) -> Bool {
        do {
            if try store.uploads.hasReceipt(user: caller.user, sha256: document.sha256, size: document.size) {
                return true
            }
            return try store.blobScopes(sha256: document.sha256).contains(where: caller.mayRead)
        } catch {
            throw storageFailure(error, during: "push")
        }
    }

    /// One page of changes after `since`, at most `limit`, as `PullResponse` JSON; versions
    /// written by `excludingAuthor` are left out (the asking replica has them already), and so
    /// are versions of scopes the caller may not read.
    func pull(since: Int64, limit: Int, excludingAuthor: ReplicaID? = nil, caller: Caller) throws(ServiceError)
        -> [UInt8]
    {
        do {
            return try store.pullJSON(
                since: since, limit: limit, maxBytes: Self.maxPullPageBytes, excludingAuthor: excludingAuthor,
                scopes: caller.grant.readableScopes, window: Self.pullScanWindow, counted: metrics.pulled)
        } catch {
            throw storageFailure(error, during: "pull")
        }
    }

    /// The versions of one register (`HistoryResponse` JSON: the newest superseded ones, then
    /// the current ones; `ServerStore.recentVersions`) and whether older ones were left out, if
    /// the caller may read its scope; to anyone else it does not exist.
    func history(of key: RecordKey, caller: Caller) throws(ServiceError) -> (body: [UInt8], more: Bool) {
        let versions: (changes: [Change], more: Bool)?
        do {
            versions = try store.recentVersions(of: key) { caller.mayRead($0) }
        } catch {
            throw storageFailure(error, during: "history")
        }
        guard let versions else {
            throw ServiceError(.notFound, "no record \(Printable.quoted(key.description)) you may read")
        }
        return (HistoryResponse(changes: versions.changes).jsonBytes, versions.more)
    }

    /// Liveness: the database answers.
    func health() throws(ServiceError) -> [UInt8] {
        do {
            let sequence = try store.currentSequence()
            return HealthResponse(sequence: sequence, epoch: try store.epoch()).jsonBytes
        } catch {
            throw storageFailure(error, during: "health")
        }
    }

    static func decodingFailure(_ error: ModelError) -> ServiceError {
        switch error {
        case .malformedJSON: return ServiceError(.malformedJSON, error.description(in: .english))
        default: return ServiceError(.invalidField, error.description(in: .english))
        }
    }

    /// Maps a storage failure to what the client may know (`ServiceError.from`).
    private func storageFailure(_ error: any Error, during call: String) -> ServiceError {
        ServiceError.from(error, during: call, logger: logger)
    }
}
