import Foundation
import SyncStorage

/// `renkei-bench hash`: SHA-256 throughput of libcrypto (what Renkei uses) and of pure Swift,
/// over the same 256 MiB in 1 MiB chunks, beside writing the same bytes to disk with fsync.
enum HashBenchmark {
    static func run(directory: URL) throws {
        let chunk = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let chunks = 256
        let megabytes = Double(chunks)
        print("SHA-256 over \(chunks) MiB (1 MiB chunks)")
        print(String(repeating: "-", count: 96))

        var crypto: [UInt8] = []
        let cryptoSeconds = Measure.seconds {
            var hasher = SHA256()
            for _ in 0..<chunks { hasher.update(chunk) }
            crypto = hasher.finalize()
        }
        var pure: [UInt8] = []
        let pureSeconds = Measure.seconds {
            var hasher = PureSHA256()
            for _ in 0..<chunks { hasher.update(chunk) }
            pure = hasher.finalize()
        }
        guard crypto == pure else { throw BenchmarkError.wrongResult("the two SHA-256 implementations disagree") }

        let file = directory.appendingPathComponent("blob.bin")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        let diskSeconds = try Measure.seconds {
            for _ in 0..<chunks { try handle.write(contentsOf: chunk) }
            try handle.synchronize()
        }
        try handle.close()

        func line(_ name: String, _ seconds: Double) {
            print(
                "\(name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(String(format: "%8.0f", megabytes / seconds)) MiB/s"
            )
        }
        line("SHA-256, libcrypto (SyncStorage.SHA256)", cryptoSeconds)
        line("SHA-256, pure Swift", pureSeconds)
        line("disk write + fsync, same bytes (baseline)", diskSeconds)
        print(
            String(
                format: "libcrypto is %.1fx pure Swift and %.1fx the disk", pureSeconds / cryptoSeconds,
                diskSeconds / cryptoSeconds))
    }
}
