import Foundation
import HTTP1

/// What a raw client saw on one connection: the bytes, and after how many seconds the first
/// byte came and the server closed (nil: not within the wait).
public struct ConnectionTranscript: Sendable {
    public var text = ""
    /// Seconds from the start of reading to the first byte, or nil.
    public var firstByteAfter: Double?
    /// Seconds from the start of reading to the server's close, or nil (still open).
    public var closedAfter: Double?

    /// The status code of the first answer's status line (0 when there is none).
    public var status: Int { Int(text.split(separator: " ").dropFirst().first ?? "") ?? 0 }

    /// Reads `socket` until the server closes it or `wait` seconds pass.
    public static func read(_ socket: Socket, wait: Double) -> ConnectionTranscript {
        var transcript = ConnectionTranscript()
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let started = Date()
        while Date().timeIntervalSince(started) < wait {
            guard (try? socket.waitReadable(timeoutMilliseconds: 20)) == true else { continue }
            let count = (try? socket.receive(into: &buffer)) ?? 0
            if count == 0 {
                transcript.closedAfter = Date().timeIntervalSince(started)
                break
            }
            if transcript.firstByteAfter == nil { transcript.firstByteAfter = Date().timeIntervalSince(started) }
            bytes += buffer[0..<count]
        }
        transcript.text = String(decoding: bytes, as: UTF8.self)
        return transcript
    }
}
