import Models

/// libFuzzer entry point for what the server decodes from clients and clients from the server:
/// `PushRequest`, `PullResponse`, `Change`, `UploadRequest` and `Document` values. Traps when a
/// decoder crashes, when the fast path and the general parser disagree (one accepts what the
/// other refuses, or they give different values), or when a decoded message does not survive
/// its own canonical encoding.
///
/// Build and run with `scripts/fuzz wire SECONDS`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireDecoding(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let general = try? JSONValue(parsing: bytes)

    let push = try? PushRequest(decoding: bytes)
    let pushGeneral = general.flatMap { try? PushRequest(json: $0, path: "") }
    precondition(push == pushGeneral, "PushRequest: the fast path and the general parser disagree")
    if let push { precondition((try? PushRequest(decoding: push.jsonBytes)) == push, "PushRequest round trip") }

    let pull = try? PullResponse(decoding: bytes)
    let pullGeneral = general.flatMap { try? PullResponse(json: $0, path: "") }
    precondition(pull == pullGeneral, "PullResponse: the fast path and the general parser disagree")
    if let pull { precondition((try? PullResponse(decoding: pull.jsonBytes)) == pull, "PullResponse round trip") }

    let change = try? Change(decoding: bytes)
    let changeGeneral = general.flatMap { try? Change(json: $0, path: "") }
    precondition(change == changeGeneral, "Change: the fast path and the general parser disagree")

    if let upload = try? UploadRequest(decoding: bytes) {
        precondition((try? UploadRequest(decoding: upload.jsonBytes)) == upload, "UploadRequest round trip")
    }
    if let general, let document = try? Document(json: general, path: "") {
        precondition((try? Document(json: document.json, path: "")) == document, "Document round trip")
    }
    return 0
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
                        fuzzWireDecoding($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count)
                    }
                    count += 1
                }
            }
            print("replayed \(count) inputs without a failure")
        }
    }
#endif
