import CommandLineSupport
import Foundation
import Localization
import Models

/// Why a protocol call stopped. Nothing local is lost in any case.
public enum SyncError: Error, CustomStringConvertible, Sendable {
    /// No answer after every retry.
    case unreachable(String, attempts: Int)
    /// The server answered with an error (its status, code and message).
    case refused(status: Int, code: ErrorCode, message: String)
    /// The server's answer could not be understood.
    case invalidAnswer(String)

    /// The server's error answer, as `refused`.
    public static func refused(_ response: TransportResponse) -> SyncError {
        let error = ErrorResponse.decodeOrDescribe(response)
        return .refused(status: response.status, code: error.code, message: error.message)
    }

    /// The error code of a refusal, nil for the other cases.
    public var code: ErrorCode? {
        if case .refused(_, let code, _) = self { return code }
        return nil
    }

    /// In the language of the process.
    public var description: String { description(in: Language.current) }

    /// The description in `language`. A refusal says what its code means and adds the server's
    /// message; in English the server's message (written in English) says it alone, as it
    /// always has.
    public func description(in language: Language) -> String {
        switch self {
        case .unreachable(let reason, let attempts):
            return localized("sync.error.unreachable", ["attempts": attempts, "reason": reason], in: language)
        case .refused(let status, let code, let message):
            var detail = message
            if language != .english, let meaning = code.meaning(in: language) {
                detail = localized("sync.error.refused.detail", ["meaning": meaning, "message": message], in: language)
            }
            let text = localized(
                "sync.error.refused", ["status": status, "code": code, "detail": detail], in: language)
            // A token the server does not take (revoked, expired, mistyped): say what to do next.
            guard code == .unauthorized else { return text }
            return text + "\n" + localized("sync.error.token.next", in: language)
        case .invalidAnswer(let reason):
            return localized("sync.error.invalid.answer", ["reason": reason], in: language)
        }
    }
}

extension SyncError: HasExitStatus {
    /// The one map from protocol failures to exit statuses (README, "Exit statuses"): 69 when
    /// the server cannot be reached, is overloaded or does not have what was asked for, 77
    /// when the token or the role is refused, 1 otherwise.
    public var exitStatus: Terminal.ExitStatus {
        switch self {
        case .unreachable: return .unavailable
        case .refused(let status, _, _):
            switch status {
            case 401, 403: return .noPermission
            case 404, 502, 503, 504, 507: return .unavailable
            default: return .failure
            }
        case .invalidAnswer: return .failure
        }
    }
}

extension ErrorResponse {
    /// The server's error body, or a description of a non-JSON answer (e.g. from a proxy).
    public static func decodeOrDescribe(_ response: TransportResponse) -> ErrorResponse {
        if let decoded = try? ErrorResponse(decoding: response.body) { return decoded }
        let preview = String(decoding: response.body.prefix(200), as: UTF8.self)
        return ErrorResponse(
            code: ErrorCode(rawValue: "http_\(response.status)"), message: Printable.quoted(preview, limit: 200))
    }
}
