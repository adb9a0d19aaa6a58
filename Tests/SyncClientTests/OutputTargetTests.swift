import CommandLineSupport
import Foundation
import Glibc
import SyncStorage
import TestSupport
import Testing

@testable import SyncClient

/// `docs get -o PATH` decides what it writes before the download and keeps to it: someone who
/// may write the output's folder and changes what is at the path during the download (a FIFO to
/// read the document from, a file of their own) gets nothing written to it and nothing replaced.
@Suite struct OutputTargetTests {
    let content = Data("令和7年度 DX推進計画（案）\n".utf8)

    /// A temporary folder with the cached copy of the document (`source`) and its cache.
    func withFolder(_ body: (TemporaryDirectory, URL, BlobStore) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        let source = directory.url.appendingPathComponent("cached")
        try content.write(to: source)
        try body(directory, source, try BlobStore(root: directory.url.appendingPathComponent("blobs")))
    }

    /// Opens the read end of the FIFO at `path` without waiting for a writer.
    func openReadEnd(_ path: String) -> Int32 { open(path, O_RDONLY | O_NONBLOCK) }

    /// The target's case, for comparing.
    func kind(_ target: OutputTarget) -> String {
        switch target {
        case .newFile: "new file"
        case .replacingFile: "replacing file"
        case .device: "device"
        }
    }

    /// Puts a FIFO at `path` (in place of what is there) and opens its read end, as someone
    /// waiting to read what `docs get` might write there.
    func plantFIFO(at path: String, mode: mode_t = 0o666) -> Int32 {
        unlink(path)
        #expect(mkfifo(path, mode) == 0)
        return openReadEnd(path)
    }

    /// What a FIFO's read end holds now.
    func pending(_ reader: Int32) -> Int {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        return max(0, read(reader, &buffer, buffer.count))
    }

    @Test func anExistingOutputIsRefusedWithoutForceWhateverItIs() throws {
        try withFolder { directory, _, _ in
            let file = directory.url.appendingPathComponent("report.bin")
            try Data("the clerk's own".utf8).write(to: file)
            #expect(throws: CommandFailure.self) { try OutputTarget.decide(for: file, force: false) }
            let dangling = directory.url.appendingPathComponent("dangling.bin")
            #expect(symlink(directory.path("nowhere"), dangling.path) == 0)
            #expect(throws: CommandFailure.self) { try OutputTarget.decide(for: dangling, force: false) }
            #expect(kind(try OutputTarget.decide(for: file, force: true)) == "replacing file")
            #expect(kind(try OutputTarget.decide(for: dangling, force: true)) == "replacing file")
            #expect(
                kind(try OutputTarget.decide(for: directory.url.appendingPathComponent("new.bin"), force: false))
                    == "new file")
        }
    }

    @Test func aFIFOPutAtANewOutputDuringTheDownloadGetsNothing() throws {
        try withFolder { directory, source, cache in
            let output = directory.url.appendingPathComponent("report.bin")
            let target = try OutputTarget.decide(for: output, force: false)
            #expect(kind(target) == "new file")
            // Meanwhile, another user of the folder puts a FIFO there and waits at its read end.
            let reader = plantFIFO(at: output.path)
            defer { close(reader) }
            #expect(throws: CommandFailure.self) {
                try DocsCommand.write(from: source, to: output, as: target, expectedHash: nil, cache: cache)
            }
            #expect(pending(reader) == 0, "nothing was written into the FIFO")
            #expect(LocalFile.kind(atPath: output.path, followingLinks: false) == .other, "the FIFO is left as it is")
            #expect(!FileManager.default.fileExists(atPath: directory.path(".report.bin.renkei-partial")))
        }
    }

    @Test func aFileCreatedAtANewOutputDuringTheDownloadIsNotReplaced() throws {
        try withFolder { directory, source, cache in
            let output = directory.url.appendingPathComponent("report.bin")
            let target = try OutputTarget.decide(for: output, force: false)
            try Data("someone else's".utf8).write(to: output)
            #expect(throws: CommandFailure.self) {
                try DocsCommand.write(from: source, to: output, as: target, expectedHash: nil, cache: cache)
            }
            #expect(try Data(contentsOf: output) == Data("someone else's".utf8))
        }
    }

    @Test func aFileReplacedByAFIFOIsReplacedNotWrittenInto() throws {
        try withFolder { directory, source, cache in
            let output = directory.url.appendingPathComponent("report.bin")
            try Data("last year's".utf8).write(to: output)
            let target = try OutputTarget.decide(for: output, force: true)
            #expect(kind(target) == "replacing file")
            let reader = plantFIFO(at: output.path)
            defer { close(reader) }
            try DocsCommand.write(from: source, to: output, as: target, expectedHash: nil, cache: cache)
            #expect(pending(reader) == 0, "nothing was written into the FIFO")
            #expect(try Data(contentsOf: output) == content, "a regular file with the document took its place")
        }
    }

    @Test func aDeviceIsOpenedBeforeTheDownloadAndThePathCannotBeTurnedElsewhere() throws {
        try withFolder { directory, source, cache in
            let output = directory.url.appendingPathComponent("pipe")
            // The user's reader is there (a FIFO's writer waits for one).
            let reader = plantFIFO(at: output.path, mode: 0o600)
            defer { close(reader) }
            let target = try OutputTarget.decide(for: output, force: true)
            #expect(kind(target) == "device")
            // During the download, someone swaps in a FIFO of their own.
            let other = plantFIFO(at: output.path)
            defer { close(other) }
            try DocsCommand.write(from: source, to: output, as: target, expectedHash: nil, cache: cache)
            #expect(pending(other) == 0, "nothing went to the swapped-in FIFO")
            #expect(pending(reader) == content.count, "the document went to the user's reader")
        }
    }

    /// `--force` never follows a link planted at the output: one to a device or pipe is refused
    /// (the document must not go over a disk or to another user's reader), one to a file is
    /// replaced itself, leaving the file it led to untouched.
    @Test func forceNeverWritesThroughALinkAtTheOutput() throws {
        try withFolder { directory, source, cache in
            let pipe = directory.path("their-pipe")
            let reader = plantFIFO(at: pipe)
            defer { close(reader) }
            let linkToPipe = directory.url.appendingPathComponent("report.bin")
            #expect(symlink(pipe, linkToPipe.path) == 0)
            #expect(throws: CommandFailure.self) { try OutputTarget.decide(for: linkToPipe, force: true) }
            let linkToNull = directory.url.appendingPathComponent("null.bin")
            #expect(symlink("/dev/null", linkToNull.path) == 0)
            #expect(throws: CommandFailure.self) { try OutputTarget.decide(for: linkToNull, force: true) }
            #expect(pending(reader) == 0)

            let victim = directory.url.appendingPathComponent("victim.txt")
            try Data("someone's notes".utf8).write(to: victim)
            let linkToFile = directory.url.appendingPathComponent("plan.bin")
            #expect(symlink(victim.path, linkToFile.path) == 0)
            let target = try OutputTarget.decide(for: linkToFile, force: true)
            #expect(kind(target) == "replacing file")
            try DocsCommand.write(from: source, to: linkToFile, as: target, expectedHash: nil, cache: cache)
            #expect(
                try Data(contentsOf: victim) == Data("someone's notes".utf8), "the file the link led to is untouched")
            #expect(LocalFile.kind(atPath: linkToFile.path, followingLinks: false) == .regular)
            #expect(try Data(contentsOf: linkToFile) == content)
        }
    }

    /// A FIFO another user made at the output is theirs to read: refused even with `--force`.
    /// (Needs root to give the FIFO away; skipped otherwise.)
    @Test func anotherUsersPipeIsRefusedEvenWithForce() throws {
        guard geteuid() == 0 else { return }
        try withFolder { directory, _, _ in
            let output = directory.url.appendingPathComponent("report.bin")
            let reader = plantFIFO(at: output.path)
            #expect(chown(output.path, 65_534, 65_534) == 0)
            defer { close(reader) }
            #expect(throws: CommandFailure.self) { try OutputTarget.decide(for: output, force: true) }
            #expect(pending(reader) == 0)
        }
    }

    /// `/dev/null` itself (a character device, not a link) stays a valid `--force` output.
    @Test func devNullWithForceIsWrittenInto() throws {
        try withFolder { _, source, cache in
            let null = URL(fileURLWithPath: "/dev/null")
            let target = try OutputTarget.decide(for: null, force: true)
            #expect(kind(target) == "device")
            try DocsCommand.write(from: source, to: null, as: target, expectedHash: nil, cache: cache)
            #expect(LocalFile.kind(atPath: "/dev/null") == .other, "still the device")
        }
    }
}
