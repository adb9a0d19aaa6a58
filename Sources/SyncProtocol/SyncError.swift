import CommandLineSupport
import Foundation
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

    public var description: String {
        switch self {
        case .unreachable(let reason, let attempts):
            return "cannot reach the server after \(attempts) attempts: \(reason)"
        case .refused(let status, let code, let message):
            return "the server refused (\(status) \(code)): \(message)"
        case .invalidAnswer(let reason):
            return "the server's answer is not valid: \(reason)"
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
