import HTTP1

/// libFuzzer entry point: parses the input whole and split in two, as requests (the server's
/// parser) and as answers (the client's `HTTPResponseReader`), and traps when either crashes,
/// loops, or gives different results for the same bytes split differently.
///
/// Build and run with `scripts/fuzz http SECONDS` (docs/PITFALLS.md, "Fuzzing", explains its flags).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = ParserRun(chunks: [bytes])
    let split = size == 0 ? 0 : Int(bytes[0]) % (size + 1)
    let halves = ParserRun(chunks: [Array(bytes[..<split]), Array(bytes[split...])])
    precondition(whole == halves, "different results when split at \(split)")
    // The same bytes as a server's answers to the client: read whole, in two pieces, and byte by byte.
    let answers = ResponseRun(bytes: bytes, piece: .max)
    precondition(answers == ResponseRun(bytes: bytes, piece: max(1, split)), "answers differ when split at \(split)")
    precondition(answers == ResponseRun(bytes: bytes, piece: 1), "answers differ when read byte by byte")
    return 0
}

/// What `HTTPResponseReader` made of a byte stream read `piece` bytes at a time: every answer
/// (status, fields, body, whether the connection goes on) and the error that ended it.
struct ResponseRun: Equatable {
    var answers: [String] = []
    var error: HTTPClientError?

    init(bytes: [UInt8], piece: Int) {
        var reader = HTTPResponseReader(maximumHeadBytes: 2_048, maximumBodyBytes: 4_096)
        var offset = 0
        let source: HTTPResponseReader.Source = { buffer in
            let count = min(piece, buffer.count, bytes.count - offset)
            for index in 0..<count { buffer[index] = bytes[offset + index] }
            offset += count
            return count
        }
        do throws(HTTPClientError) {
            for _ in 0..<10_000 {
                let answer = try reader.read(method: "GET", from: source)
                precondition(answer.body.count <= 4_096, "a body past the limit")
                answers.append(
                    "\(answer.status) \(answer.headers.map { "\($0.name):\($0.value)" }) \(Array(answer.body)) \(answer.keepsConnection)"
                )
            }
        } catch {
            self.error = error
        }
    }
}

/// What parsing a byte stream produced: the events (bodies joined) and the error, if any.
struct ParserRun: Equatable {
    var heads: [HTTPRequestHead] = []
    var bodies: [[UInt8]] = []
    var ends = 0
    var error: HTTPParseError?

    init(chunks: [[UInt8]]) {
        var parser = HTTPRequestParser()
        var body: [UInt8] = []
        var steps = 0
        do {
            for chunk in chunks {
                parser.append(chunk)
                while let event = try parser.nextEvent() {
                    steps += 1
                    precondition(steps < 1_000_000, "parser does not make progress")
                    switch event {
                    case .head(let head):
                        heads.append(head)
                        parser.limitBody(to: 1 << 20)
                    case .body(let piece):
                        precondition(!piece.isEmpty, "empty body event")
                        body += piece
                    case .end:
                        ends += 1
                        bodies.append(body)
                        body = []
                    }
                }
            }
        } catch {
            self.error = error
        }
    }
}

#if !FUZZING
    import Foundation

    /// Without libFuzzer: replays corpus files given as arguments (a regression check).
    @main
    struct ReplayCorpus {
        static func main() throws {
            var count = 0
            for path in CommandLine.arguments.dropFirst() {
                let files =
                    (try? FileManager.default.contentsOfDirectory(atPath: path))?.map { path + "/" + $0 } ?? [path]
                for file in files {
                    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
                    _ = bytes.withUnsafeBufferPointer {
                        fuzzHTTPParser($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count)
                    }
                    count += 1
                }
            }
            print("replayed \(count) inputs without a failure")
        }
    }
#endif
