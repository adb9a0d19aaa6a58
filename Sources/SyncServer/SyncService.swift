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

    init(store: ServerStore, blobs: BlobStore, logger: Logger) {
        self.store = store
        self.blobs = blobs
        self.logger = logger
    }

    /// Applies a push batch (one durable transaction, with its audit entry) and returns the
    /// `PushResponse` JSON. Every change must be one the caller may write: a single forbidden
    /// change refuses the whole batch, and nothing is applied.
    func push(_ body: [UInt8], caller: Caller) throws(ServiceError) -> [UInt8] {
        let request: PushRequest
        do {
            request = try PushRequest(decoding: body)
        } catch {
            throw Self.decodingFailure(error)
        }
        for (index, change) in request.changes.enumerated()
        where !caller.mayWrite(collection: change.key.collection, scope: change.scope) {
            logger.log(
                .warning, "push refused",
                [("user", caller.user), ("key", change.key.description), ("scope", change.scope.description)])
            throw ServiceError(
                .forbiddenScope,
                "changes[\(index)] (\(Printable.quoted(change.key.description)) in scope \(change.scope)): \(caller.description) may not write it; nothing was applied"
            )
        }
        try checkDocuments(request.changes)
        do {
            let response = try store.push(request, audit: caller.audit("push", ""))
            logger.log(
                .info, "push applied",
                [
                    ("user", caller.user), ("replica", request.replica.hex), ("batch", request.batch),
                    ("changes", "\(request.changes.count)"),
                    ("accepted", "\(response.accepted)"), ("replayed", "\(response.replayed)"),
                ])
            return response.jsonBytes
        } catch {
            throw storageFailure(error, during: "push")
        }
    }

    /// Documents must be well formed (`Document`, or `null` to delete) and name a file the
    /// server already holds, with the size they state: a record never points at missing bytes.
    private func checkDocuments(_ changes: [Change]) throws(ServiceError) {
        for (index, change) in changes.enumerated() where change.key.collection == Document.collection {
            let path = "changes[\(index)]"
            guard change.key.field == Document.field else {
                throw ServiceError(.invalidField, "\(path).field: documents have one field, \"\(Document.field)\"")
            }
            if change.version.value == .null { continue }
            let document: Document
            do {
                document = try Document(json: change.version.value, path: "\(path).value")
            } catch {
                throw Self.decodingFailure(error)
            }
            guard blobs.size(of: document.sha256) == document.size else {
                throw ServiceError(
                    .blobMissing,
                    "\(path): the file of \(Printable.quoted(document.path)) (\(document.size) bytes, SHA-256 \(document.sha256.prefix(12))…) is not on the server; upload it first, then push"
                )
            }
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
                since: since, limit: limit, excludingAuthor: excludingAuthor, scopes: caller.grant.readableScopes)
        } catch {
            throw storageFailure(error, during: "pull")
        }
    }

    /// Every version of one register (`HistoryResponse` JSON), if the caller may read its scope;
    /// to anyone else it does not exist.
    func history(of key: RecordKey, caller: Caller) throws(ServiceError) -> [UInt8] {
        let changes: [Change]
        do { changes = try store.allVersions(of: key) } catch { throw storageFailure(error, during: "history") }
        guard let scope = changes.first?.scope, caller.mayRead(scope) else {
            throw ServiceError(.notFound, "no record \(Printable.quoted(key.description)) you may read")
        }
        return HistoryResponse(changes: changes).jsonBytes
    }

    /// Liveness: the database answers.
    func health() throws(ServiceError) -> [UInt8] {
        do {
            let sequence = try store.lastSequence()
            let body: JSONValue = ["status": "ok", "sequence": .integer(sequence), "epoch": .string(try store.epoch())]
            return body.canonicalBytes
        } catch {
            throw storageFailure(error, during: "health")
        }
    }

    static func decodingFailure(_ error: ModelError) -> ServiceError {
        switch error {
        case .malformedJSON: return ServiceError(.malformedJSON, error.description)
        default: return ServiceError(.invalidField, error.description)
        }
    }

    /// Maps a storage failure to what the client may know; details go to the log only.
    private func storageFailure(_ error: any Error, during call: String) -> ServiceError {
        if let error = error as? StorageError, case .scopeMismatch = error {
            return ServiceError(.scopeMismatch, error.description)
        }
        if let error = error as? DatabaseError {
            if error.isFull {
                logger.log(.error, "disk full", [("call", call), ("detail", error.description)])
                return ServiceError(.storageFull, "the server's storage is full; nothing was applied, retry later")
            }
            if error.isBusy {
                logger.log(.warning, "database busy", [("call", call)])
                return ServiceError(.unavailable, "the server is busy; retry shortly")
            }
        }
        logger.log(.error, "internal error", [("call", call), ("detail", "\(error)")])
        return ServiceError(.internalError, "the server failed to complete the \(call); it has been logged")
    }
}
