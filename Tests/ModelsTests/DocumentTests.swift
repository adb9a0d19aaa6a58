import Foundation
import Models
import Testing

@Suite struct DocumentTests {
    let hash = String(repeating: "ab", count: 32)

    func value(name: String, folder: String = "") -> JSONValue {
        [
            "name": .string(name), "folder": .string(folder), "sha256": .string(hash), "size": 10,
            "media_type": "text/plain", "note": "",
        ]
    }

    @Test func aDocumentRoundTripsThroughItsJSON() throws {
        let document = Document(
            name: "議事録.docx", folder: "ヒアリング/2026", sha256: hash, size: 48_213,
            mediaType: "application/octet-stream", note: "第2回")
        #expect(try Document(json: document.json, path: "value") == document)
        #expect(document.path == "ヒアリング/2026/議事録.docx")
    }

    @Test func namesThatCouldActAsPathsAreRefused() {
        for bad in ["../secret.txt", "a/b.txt", "a\\b.txt", ".", "..", "", "tab\there", "nul\u{0}byte"] {
            #expect(throws: ModelError.self, "\(bad)") { try Document(json: value(name: bad), path: "value") }
        }
        for badFolder in ["/top", "a//b", "a/../b", "a/./b", "end/"] {
            #expect(throws: ModelError.self, "\(badFolder)") {
                try Document(json: value(name: "x.txt", folder: badFolder), path: "value")
            }
        }
    }

    @Test func fullWidthSlashesAndWindowsReservedNamesAreOrdinaryNames() throws {
        // U+FF0F is not a separator anywhere; CON is only special to Windows, and only on disk.
        for name in ["令和7年度／報告.xlsx", "CON", "aux.txt", "LPT1.docx", "a:b?.txt"] {
            #expect(try Document(json: value(name: name), path: "value").name == name)
        }
    }

    @Test func decomposedTextMustBeNormalizedFirst() throws {
        let decomposed = "データ.txt".decomposedStringWithCanonicalMapping
        #expect(!decomposed.utf8.elementsEqual("データ.txt".utf8))
        #expect(throws: ModelError.self) { try Document(json: value(name: decomposed), path: "value") }
        #expect(try DocumentPath.normalizedFolder("/報告/\(decomposed)/") == "報告/データ.txt")
        #expect(try DocumentPath.normalizedFolder("a\\b") == "a/b")
        #expect(throws: ModelError.self) { try DocumentPath.normalizedFolder("a/../b") }
    }

    @Test func unknownMembersAndWrongTypesNameTheField() {
        var members = ["name": JSONValue.string("a.txt"), "folder": "", "sha256": .string(hash), "size": 1]
        members["media_type"] = "text/plain"
        members["note"] = ""
        members["owner"] = "x"
        #expect(throws: ModelError.invalidField(path: "value.owner", reason: "unknown field")) {
            try Document(json: .object(members), path: "value")
        }
        members["owner"] = nil
        members["size"] = "1"
        #expect(throws: ModelError.invalidField(path: "value.size", reason: "expected an integer, got string")) {
            try Document(json: .object(members), path: "value")
        }
        members["size"] = -1
        #expect(throws: ModelError.self) { try Document(json: .object(members), path: "value") }
    }

    @Test func uploadMessagesAreStrict() throws {
        let request = UploadRequest(sha256: hash, size: 5)
        #expect(try UploadRequest(decoding: request.jsonBytes) == request)
        for bad in [
            #"{"sha256":"ABC","size":5}"#, #"{"sha256":"\#(hash)","size":-1}"#, #"{"sha256":"\#(hash)"}"#,
            #"{"sha256":"\#(hash)","size":5,"name":"x"}"#, #"{"sha256":"\#(hash)","size":"5"}"#, "[]", "{",
        ] {
            #expect(throws: ModelError.self, "\(bad)") { try UploadRequest(decoding: Array(bad.utf8)) }
        }
        let status = UploadStatus(
            id: "f8324af7-8d2e-4ed3-8793-c9085814eb7c", sha256: hash, size: 9, offset: 4, complete: false)
        #expect(try UploadStatus(decoding: status.jsonBytes) == status)
        let done = UploadStatus(id: nil, sha256: hash, size: 9, offset: 9, complete: true)
        #expect(try UploadStatus(decoding: done.jsonBytes) == done)
        #expect(throws: ModelError.self) {
            try UploadStatus(decoding: Array(#"{"complete":false,"offset":10,"sha256":"\#(hash)","size":9}"#.utf8))
        }
    }
}
