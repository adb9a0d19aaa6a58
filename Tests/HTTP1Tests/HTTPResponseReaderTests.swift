import Foundation
import HTTP1
import Testing

/// Hands `bytes` to a reader in pieces of at most `piece` bytes, then reports the end.
final class ByteFeed {
    private let bytes: [UInt8]
    private let piece: Int
    private var offset = 0

    init(_ text: String, piece: Int = .max) {
        bytes = Array(text.utf8)
        self.piece = piece
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let count = min(piece, buffer.count, bytes.count - offset)
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.withUnsafeBytes { $0 }[offset..<offset + count]))
        offset += count
        return count
    }
}

@Suite struct HTTPResponseReaderTests {
    /// Reads every answer in `text` (one per method), the bytes split in pieces of `piece`.
    func answers(_ text: String, methods: [String] = ["GET"], piece: Int = .max) throws(HTTPClientError)
        -> [HTTPClientResponse]
    {
        let feed = ByteFeed(text, piece: piece)
        var reader = HTTPResponseReader(maximumHeadBytes: 1_024, maximumBodyBytes: 4_096)
        var result: [HTTPClientResponse] = []
        for method in methods {
            result.append(try reader.read(method: method) { feed.read(into: $0) })
        }
        return result
    }

    func failure(_ text: String, method: String = "GET") -> HTTPClientError? {
        do {
            _ = try answers(text, methods: [method])
            return nil
        } catch {
            return error
        }
    }

    @Test func lengthAndChunkedAnswersReadAlikeWhateverTheSplit() throws {
        let text =
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nETag: \"a\"\r\n\r\nhello"
            + "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nDigest: x\r\n\r\n"
            + "HTTP/1.1 404 Not Found\r\ncontent-length:   2  \r\n\r\nno"
        for piece in [1, 2, 3, 7, 64, .max] {
            let read = try answers(text, methods: ["GET", "POST", "GET"], piece: piece)
            #expect(read.map(\.status) == [200, 201, 404])
            #expect(read.map { String(decoding: $0.body, as: UTF8.self) } == ["hello", "abc0123456789", "no"])
            #expect(read[0].headers["etag"] == "\"a\"" && read[2].headers["Content-Length"] == "2")
            #expect(read.allSatisfy { $0.keepsConnection })
        }
    }

    @Test func answersWithoutBodiesAndInterimAnswers() throws {
        let read = try answers(
            "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n" + "HTTP/1.1 204 No Content\r\n\r\n"
                + "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 7\r\n\r\n"
                + "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n",
            methods: ["HEAD", "GET", "GET", "GET"])
        #expect(read.map(\.status) == [200, 204, 304, 200])
        #expect(read.allSatisfy { $0.body.isEmpty })
    }

    @Test func connectionEndsWhenTheAnswerSaysSo() throws {
        #expect(
            try answers("HTTP/1.1 200 OK\r\nConnection: keep-alive, Close\r\nContent-Length: 0\r\n\r\n")[0]
                .keepsConnection == false)
        #expect(try answers("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")[0].keepsConnection == false)
        let untilClose = try answers("HTTP/1.1 200 OK\r\n\r\nthe rest of the stream", piece: 4)[0]
        #expect(untilClose.keepsConnection == false)
        #expect(String(decoding: untilClose.body, as: UTF8.self) == "the rest of the stream")
    }

    @Test func theEndOfTheStreamSaysWhetherAnyAnswerArrived() {
        #expect(failure("") == .closed(receivedNothing: true))
        #expect(failure("HTTP/1.1 200 OK\r\nCont") == .closed(receivedNothing: false))
        #expect(failure("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort") == .closed(receivedNothing: false))
        #expect(
            failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab") == .closed(receivedNothing: false))
    }

    @Test func malformedAnswersAreRefused() {
        let malformed = [
            "HTTP/2 200 OK\r\n\r\n", "HTTP/1.1 20 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 600 Odd\r\n\r\n",
            "ICY 200 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "HTTP/1.1 200 OK\r\n folded\r\n\r\n",
            "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0x10\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nabcde\r\n0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n",
            "HTTP/1.1 101 Switching Protocols\r\n\r\n",
        ]
        for text in malformed {
            guard case .malformedAnswer? = failure(text) else {
                Issue.record("accepted: \(text.debugDescription) -> \(String(describing: failure(text)))")
                continue
            }
        }
    }

    @Test func limitsHoldBeforeTheBytesArrive() {
        #expect(
            failure("HTTP/1.1 200 OK\r\nX: " + String(repeating: "a", count: 2_000)) == .answerTooLarge(limit: 1_024))
        #expect(failure("HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n") == .answerTooLarge(limit: 4_096))
        #expect(
            failure("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1001\r\n") == .answerTooLarge(limit: 4_096))
        #expect(
            failure("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "b", count: 5_000)) == .answerTooLarge(limit: 4_096))
        #expect(
            failure("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n").map {
                if case .malformedAnswer = $0 { true } else { false }
            } == true)
    }
}
