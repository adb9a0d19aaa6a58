import Foundation
import Glibc
import HTTP1
import SyncStorage

/// `renkei-bench files [--megabytes N]`: one file (default 1 GiB) up and down through the real
/// binaries on loopback (`renkei docs put` + `renkei sync`, then `renkei docs get` on a second
/// replica), beside two raw figures measured in the same run: a dd-style disk write (8 MiB
/// blocks, then fsync) and a plain TCP copy over loopback. Peak RSS: the client's from wait4,
/// the server's from /proc (VmHWM).
enum FileBenchmark {
    static func run(megabytes: Int, directory: URL) throws {
        let binaries = SyncBenchmark.binaries
        let renkei = binaries.appendingPathComponent("renkei").path
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        let size = megabytes << 20
        print("Renkei file benchmark: one \(megabytes) MiB file through the real binaries on loopback")
        print(String(repeating: "-", count: 96))

        let source = path("source.bin")
        try writeRandomFile(source, bytes: size)
        // Medians of three: this machine's disk varies a lot from run to run.
        let disk = try (0..<3).map { _ in
            Glibc.sync()
            let rate = Double(size) / (try diskCopySeconds(from: source, to: path("dd.bin"))) / 1e6
            try? FileManager.default.removeItem(atPath: path("dd.bin"))
            return rate
        }.sorted()[1]
        let loopback = try (0..<3).map { _ in Double(size) / (try loopbackCopySeconds(bytes: size)) / 1e6 }.sorted()[1]
        let slower = min(disk, loopback)
        print(
            String(
                format: "%-58@ %10.1f MB/s",
                "raw disk write: dd bs=8M conv=fsync of the file (median of 3)" as NSString, disk))
        print(String(format: "%-58@ %10.1f MB/s", "raw loopback TCP copy (median of 3)" as NSString, loopback))

        let server = try SyncBenchmark.Server(
            binary: binaries.appendingPathComponent("renkei-server").path, data: path("server"))
        defer { server.stop() }
        let sender = path("sender")
        let receiver = path("receiver")
        try SyncBenchmark.runCLI(
            binaries, ["--home", sender, "init", "--scope", "271004", "--user", "bench", "--server", server.url])
        try server.authorize(home: sender, user: "sender")
        try SyncBenchmark.runCLI(
            binaries, ["--home", receiver, "init", "--scope", "shared", "--user", "bench", "--server", server.url])
        try server.authorize(home: receiver, user: "receiver")

        // Each timed step starts with nothing left to write back from the steps before.
        Glibc.sync()
        let put = try spawnMeasured(renkei, ["--home", sender, "docs", "put", source, "--name", "benchmark.bin"])
        line(
            "docs put (copy into the local cache, hashed, fsynced)", Double(size) / put.seconds / 1e6, slower,
            put.peakMiB)
        Glibc.sync()
        let upload = try spawnMeasured(renkei, ["--home", sender, "sync"])
        line(
            "upload: renkei sync (4 MiB PATCHes; server hashes, fsyncs)", Double(size) / upload.seconds / 1e6, slower,
            upload.peakMiB)
        try SyncBenchmark.runCLI(binaries, ["--home", receiver, "sync"])
        let output = path("downloaded.bin")
        Glibc.sync()
        let download = try spawnMeasured(renkei, ["--home", receiver, "docs", "get", "benchmark.bin", "-o", output])
        line(
            "download: renkei docs get (2 MiB ranges, hashed; no fsync)", Double(size) / download.seconds / 1e6,
            slower, download.peakMiB)
        guard try BlobStore.hashFile(atPath: output).hash == BlobStore.hashFile(atPath: source).hash else {
            throw BenchmarkError.wrongResult("the downloaded file differs from the source")
        }
        print(String(format: "server peak RSS (VmHWM) %.1f MiB", server.peakMiB()))
        print(String(repeating: "-", count: 96))
        print("targets: upload and download >= 50% of the slower raw figure; peak RSS <= 64 MB each")
    }

    private static func line(_ name: String, _ rate: Double, _ baseline: Double, _ peak: Double) {
        print(
            String(
                format: "%-58@ %10.1f MB/s  %5.1f%% of slower raw  peak RSS %.1f MiB", name as NSString, rate,
                rate / baseline * 100, peak))
    }

    /// Fills a file with pseudo-random bytes (not compressible, not all zero).
    static func writeRandomFile(_ path: String, bytes: Int) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else { throw BenchmarkError.wrongResult("cannot create \(path)") }
        defer { close(descriptor) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var block = [UInt64](repeating: 0, count: 1 << 17)  // 1 MiB
        var written = 0
        while written < bytes {
            for index in block.indices {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                block[index] = state ^ (state >> 29)
            }
            let count = min(block.count * 8, bytes - written)
            _ = block.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, count) }
            written += count
        }
    }

    /// What `dd if=SOURCE of=FILE bs=8M conv=fsync` measures: the (cached, random, so not
    /// compressible or deduplicable) source copied in 8 MiB blocks, then one fsync.
    static func diskCopySeconds(from source: String, to path: String) throws -> Double {
        var block = [UInt8](repeating: 0, count: 8 << 20)
        return try Measure.seconds {
            let input = open(source, O_RDONLY)
            let output = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            guard input >= 0, output >= 0 else { throw BenchmarkError.wrongResult("cannot open \(source), \(path)") }
            defer {
                close(input)
                close(output)
            }
            while true {
                let count = block.withUnsafeMutableBytes { Glibc.read(input, $0.baseAddress, $0.count) }
                guard count >= 0 else { throw BenchmarkError.wrongResult("read failed") }
                if count == 0 { break }
                guard block.withUnsafeBytes({ Glibc.write(output, $0.baseAddress, count) }) == count else {
                    throw BenchmarkError.wrongResult("write failed")
                }
            }
            guard fsync(output) == 0 else { throw BenchmarkError.wrongResult("fsync failed") }
        }
    }

    /// Sends `bytes` from memory through a loopback TCP connection to a reader that discards them.
    static func loopbackCopySeconds(bytes: Int) throws -> Double {
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        let port = try listener.localPort()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            defer { done.signal() }
            guard let (connection, _) = try? listener.accept() else { return }
            var buffer = [UInt8](repeating: 0, count: 256 * 1024)
            while let count = try? connection.receive(into: &buffer), count > 0 {}
            connection.close()
        }
        reader.start()
        let block = [UInt8](repeating: 0x5A, count: 256 * 1024)
        let seconds = try Measure.seconds {
            let socket = try Socket.connect(host: "127.0.0.1", port: port)
            var sent = 0
            while sent < bytes {
                try socket.sendAll(block)
                sent += block.count
            }
            socket.shutdownWrite()
            done.wait()
            socket.close()
        }
        listener.close()
        return seconds
    }

    /// Runs a program (output to /dev/null) and returns its wall time and peak RSS (wait4).
    static func spawnMeasured(_ path: String, _ arguments: [String]) throws -> (seconds: Double, peakMiB: Double) {
        let run = spawn(path, arguments)
        guard run.status == 0 else {
            throw BenchmarkError.wrongResult("\(path) \(arguments) exited with \(run.status)")
        }
        return (run.seconds, run.peakMiB)
    }

    /// Runs a program with its output discarded and waits: wall seconds, peak resident MiB and
    /// exit status (128 + signal when killed; -1 when it could not start).
    static func spawn(_ path: String, _ arguments: [String]) -> (seconds: Double, peakMiB: Double, status: Int32) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var status: Int32 = 0
        var usage = rusage()
        var started = false
        let seconds = Measure.seconds {
            started = posix_spawn(&pid, path, &actions, nil, argv, environ) == 0
            while started && wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        }
        guard started else { return (0, 0, -1) }
        let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (seconds, Double(usage.ru_maxrss) / 1024, exited)
    }
}
