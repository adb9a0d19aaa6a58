import Localization

/// A stable, machine-readable error code. Unknown codes from newer servers are kept as they are.
///
/// Every code of the wire is declared here, in one place: `ErrorResponse` and `RejectedChange`
/// carry them, and `httpStatus` gives each one's HTTP status, the one table of them.
public struct ErrorCode: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The request is not valid HTTP or misses something required.
    public static let badRequest = ErrorCode(rawValue: "bad_request")
    /// The body is not JSON.
    public static let malformedJSON = ErrorCode(rawValue: "malformed_json")
    /// The body is JSON of the wrong shape; the message names the field.
    public static let invalidField = ErrorCode(rawValue: "invalid_field")
    /// No or an unknown token.
    public static let unauthorized = ErrorCode(rawValue: "unauthorized")
    /// The token may not touch this scope.
    public static let forbiddenScope = ErrorCode(rawValue: "forbidden_scope")
    public static let notFound = ErrorCode(rawValue: "not_found")
    /// The body is larger than the route allows.
    public static let payloadTooLarge = ErrorCode(rawValue: "payload_too_large")
    /// The server failed; details are in its log, never in the answer.
    public static let internalError = ErrorCode(rawValue: "internal_error")
    /// The server is overloaded or its storage is full; retry later.
    public static let unavailable = ErrorCode(rawValue: "unavailable")

    // Files, HTTP and the server's own state.
    /// A change addresses a record that belongs to another scope.
    public static let scopeMismatch = ErrorCode(rawValue: "scope_mismatch")
    /// The method is not allowed on this path.
    public static let methodNotAllowed = ErrorCode(rawValue: "method_not_allowed")
    /// The body is not `application/json`.
    public static let unsupportedMediaType = ErrorCode(rawValue: "unsupported_media_type")
    /// The server's disk is full; nothing was applied.
    public static let storageFull = ErrorCode(rawValue: "storage_full")
    /// The request was malformed at the HTTP level, or timed out.
    public static let requestTimeout = ErrorCode(rawValue: "request_timeout")
    /// The request line or fields are too large.
    public static let headersTooLarge = ErrorCode(rawValue: "headers_too_large")
    /// A feature of HTTP the server does not implement (e.g. a transfer coding).
    public static let notImplemented = ErrorCode(rawValue: "not_implemented")
    /// A PATCH's `Upload-Offset` is not where the upload stands; the answer carries the real one.
    public static let offsetMismatch = ErrorCode(rawValue: "offset_mismatch")
    /// Another request is writing to this upload now; retry shortly.
    public static let uploadBusy = ErrorCode(rawValue: "upload_busy")
    /// The uploaded bytes do not have the announced hash or size; they were discarded.
    public static let hashMismatch = ErrorCode(rawValue: "hash_mismatch")
    /// A document names a file the server does not hold: upload it before pushing the record.
    public static let blobMissing = ErrorCode(rawValue: "blob_missing")
    /// The requested byte range starts past the end of the file.
    public static let rangeNotSatisfiable = ErrorCode(rawValue: "range_not_satisfiable")
    /// Too many bad tokens from this address: wait the answer's `Retry-After` seconds.
    public static let tooManyRequests = ErrorCode(rawValue: "too_many_requests")
    /// The user has written as much as the server takes from one user per day (push bodies,
    /// upload pieces): wait the answer's `Retry-After` seconds; what was sent before is kept.
    public static let writeBudgetExceeded = ErrorCode(rawValue: "write_budget_exceeded")

    // The server's authority over pushes (most only inside `PushResponse.rejected`).
    /// An answer that its published survey does not accept (type, range, choices, columns).
    public static let invalidAnswer = ErrorCode(rawValue: "invalid_answer")
    /// An answer to a survey that is not open (draft or closed), or to one not published.
    public static let surveyClosed = ErrorCode(rawValue: "survey_closed")
    /// A change of a survey's submission state that the lifecycle does not allow: submitting
    /// answers that `survey check` finds errors in, submitting twice, returning what is not
    /// submitted, a return by staff, a state written without having seen the current one.
    public static let submissionRefused = ErrorCode(rawValue: "submission_refused")
    /// An answer to a survey its municipality has submitted: read-only until the advisor returns it.
    public static let answersSubmitted = ErrorCode(rawValue: "answers_submitted")
    /// A value larger than its collection allows (`ValueLimits`).
    public static let valueTooLarge = ErrorCode(rawValue: "value_too_large")
    /// A record id that names another scope than the change's (an answer of municipality X must
    /// be in scope X).
    public static let recordOutOfScope = ErrorCode(rawValue: "record_out_of_scope")
    /// A record id already in use by a record of another scope.
    public static let recordTaken = ErrorCode(rawValue: "record_taken")
    /// A change that reuses the vector of a version the server holds, with other content: a
    /// replica's counter names one write, so a rewrite needs a new counter (the merge's tie-break
    /// would otherwise replace the stored version silently).
    public static let versionReused = ErrorCode(rawValue: "version_reused")
    /// A change that, merged, would leave its register with more concurrent versions (conflicting
    /// siblings) than the server keeps (32): a resolution, which has seen them all, still goes in.
    public static let tooManyVersions = ErrorCode(rawValue: "too_many_versions")
    /// The replica id is bound to another user (the one whose token first used it).
    public static let replicaOwned = ErrorCode(rawValue: "replica_owned")
    /// A new batch whose push number is not above the highest the server applied from that
    /// replica: the replica was restored from an old copy of itself and must continue under a
    /// new replica id (`renkei sync` does so by itself).
    public static let replicaRewound = ErrorCode(rawValue: "replica_rewound")

    /// Every code the server sends, for tables and tests (PROTOCOL.md §13 lists each with its
    /// status). A client must still handle codes it does not know by their HTTP status.
    public static let all: [ErrorCode] = [
        .badRequest, .malformedJSON, .invalidField, .unauthorized, .forbiddenScope, .replicaOwned, .notFound,
        .methodNotAllowed, .requestTimeout, .scopeMismatch, .offsetMismatch, .uploadBusy, .blobMissing,
        .replicaRewound, .payloadTooLarge, .unsupportedMediaType, .rangeNotSatisfiable, .hashMismatch,
        .valueTooLarge, .recordOutOfScope, .surveyClosed, .invalidAnswer, .submissionRefused, .answersSubmitted,
        .recordTaken, .versionReused, .tooManyVersions, .tooManyRequests, .writeBudgetExceeded,
        .headersTooLarge, .internalError, .notImplemented, .unavailable, .storageFull,
    ]

    /// The HTTP status the server answers this code with (docs/PROTOCOL.md §13): the one table
    /// of them. Codes this version does not know (a newer server's) answer 500 here; a client
    /// still reads the status the answer came with.
    public var httpStatus: Int {
        switch self {
        case .malformedJSON, .invalidField, .badRequest: return 400
        case .unauthorized: return 401
        case .forbiddenScope, .replicaOwned: return 403
        case .notFound: return 404
        case .methodNotAllowed: return 405
        case .requestTimeout: return 408
        case .scopeMismatch, .offsetMismatch, .uploadBusy, .blobMissing, .replicaRewound: return 409
        case .payloadTooLarge: return 413
        case .unsupportedMediaType: return 415
        case .rangeNotSatisfiable: return 416
        case .hashMismatch, .invalidAnswer, .surveyClosed, .submissionRefused, .answersSubmitted, .valueTooLarge,
            .recordOutOfScope, .recordTaken, .versionReused, .tooManyVersions:
            return 422
        case .tooManyRequests, .writeBudgetExceeded: return 429
        case .headersTooLarge: return 431
        case .notImplemented: return 501
        case .unavailable: return 503
        case .storageFull: return 507
        default: return 500  // internal_error, and any code not listed here
        }
    }
}

extension ErrorCode {
    /// What the code means, for people, in `language` (the server's `message` adds the
    /// details, in English); nil for a code this version does not know.
    public func meaning(in language: Language = Language.current) -> String? {
        switch self {
        case .badRequest: return localized("sync.error.code.bad.request", in: language)
        case .malformedJSON: return localized("sync.error.code.malformed.json", in: language)
        case .invalidField: return localized("sync.error.code.invalid.field", in: language)
        case .unauthorized: return localized("sync.error.code.unauthorized", in: language)
        case .forbiddenScope: return localized("sync.error.code.forbidden.scope", in: language)
        case .notFound: return localized("sync.error.code.not.found", in: language)
        case .payloadTooLarge: return localized("sync.error.code.payload.too.large", in: language)
        case .internalError: return localized("sync.error.code.internal.error", in: language)
        case .unavailable: return localized("sync.error.code.unavailable", in: language)
        case .scopeMismatch: return localized("sync.error.code.scope.mismatch", in: language)
        case .methodNotAllowed: return localized("sync.error.code.method.not.allowed", in: language)
        case .unsupportedMediaType: return localized("sync.error.code.unsupported.media.type", in: language)
        case .storageFull: return localized("sync.error.code.storage.full", in: language)
        case .requestTimeout: return localized("sync.error.code.request.timeout", in: language)
        case .headersTooLarge: return localized("sync.error.code.headers.too.large", in: language)
        case .notImplemented: return localized("sync.error.code.not.implemented", in: language)
        case .offsetMismatch: return localized("sync.error.code.offset.mismatch", in: language)
        case .uploadBusy: return localized("sync.error.code.upload.busy", in: language)
        case .hashMismatch: return localized("sync.error.code.hash.mismatch", in: language)
        case .blobMissing: return localized("sync.error.code.blob.missing", in: language)
        case .rangeNotSatisfiable: return localized("sync.error.code.range.not.satisfiable", in: language)
        case .tooManyRequests: return localized("sync.error.code.too.many.requests", in: language)
        case .writeBudgetExceeded: return localized("sync.error.code.write.budget.exceeded", in: language)
        case .invalidAnswer: return localized("sync.error.code.invalid.answer", in: language)
        case .surveyClosed: return localized("sync.error.code.survey.closed", in: language)
        case .submissionRefused: return localized("sync.error.code.submission.refused", in: language)
        case .answersSubmitted: return localized("sync.error.code.answers.submitted", in: language)
        case .valueTooLarge: return localized("sync.error.code.value.too.large", in: language)
        case .recordOutOfScope: return localized("sync.error.code.record.out.of.scope", in: language)
        case .recordTaken: return localized("sync.error.code.record.taken", in: language)
        case .versionReused: return localized("sync.error.code.version.reused", in: language)
        case .tooManyVersions: return localized("sync.error.code.too.many.versions", in: language)
        case .replicaOwned: return localized("sync.error.code.replica.owned", in: language)
        case .replicaRewound: return localized("sync.error.code.replica.rewound", in: language)
        default: return nil
        }
    }
}
