import Foundation
import Glibc
import SyncStorage

/// A real `renkei-server serve` on a free port, for end-to-end tests.
public final class ServerProcess: @unchecked Sendable {
    // Safe: `process` and `url` are set in init and only read afterwards; stderr is drained by
    // one background reader into `log`, which locks.
    private let process = Process()
    public let url: String
    public let dataDirectory: String
    /// What the server wrote to standard error. The reader thread holds this, not the
    /// `ServerProcess`, so that dropping the `ServerProcess` kills the server (in `deinit`).
    private let log = LogBuffer()

    final class LogBuffer: @unchecked Sendable {
        // Safe: `data` is only touched under `lock`.
        private let lock = NSLock()
        private var data = Data()

        func append(_ chunk: Data) {
            lock.lock()
            data.append(chunk)
            lock.unlock()
        }

        var text: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// The 43 Osaka municipalities, as the prefecture provisions them.
    public static let municipalitiesCSV = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/data/osaka_municipalities.csv").path

    /// Starts the server on `127.0.0.1:0` with `dataDirectory` (the 43 Osaka municipalities
    /// registered in it) and waits until it listens.
    public init(dataDirectory: String, extraArguments: [String] = []) throws {
        self.dataDirectory = dataDirectory
        let provisioned = try CommandRunner.run(
            "renkei-server", ["admin", "municipality", "import", Self.municipalitiesCSV, "--data", dataDirectory])
        guard provisioned.status == 0 else { throw ServerStartFailure(output: provisioned.stderr) }
        process.executableURL = try CommandRunner.executable("renkei-server")
        process.arguments = ["serve", "--data", dataDirectory, "--listen", "127.0.0.1:0"] + extraArguments
        process.environment = ProcessInfo.processInfo.environment.merging(["RENKEI_LANG": "en"]) { $1 }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var firstLine = Data()
        while !firstLine.contains(0x0A) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            firstLine.append(chunk)
        }
        let line = String(decoding: firstLine, as: UTF8.self)
        guard let range = line.range(of: "listening on ") else {
            process.terminate()
            throw ServerStartFailure(
                output: line + String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self))
        }
        url = String(line[range.upperBound...].prefix { !$0.isNewline })
        let handle = errors.fileHandleForReading
        let log = self.log
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { return }
                log.append(chunk)
            }
        }
    }

    /// A token for `user` (added with `role` and, for staff, `scope` when new), issued with the
    /// real `renkei-server admin` commands.
    public func token(for user: String, role: String, scope: String? = nil) throws -> String {
        let users = try CommandRunner.run(
            "renkei-server", ["admin", "user", "list", "--json", "--data", dataDirectory])
        if !users.stdout.contains("\"name\":\"\(user)\"") {
            let added = try CommandRunner.run(
                "renkei-server",
                ["admin", "user", "add", user, "--role", role, "--data", dataDirectory]
                    + (scope.map { ["--scope", $0] } ?? []))
            guard added.status == 0 else { throw ServerStartFailure(output: added.stderr) }
        }
        let issued = try CommandRunner.run("renkei-server", ["admin", "token", "issue", user, "--data", dataDirectory])
        guard issued.status == 0 else { throw ServerStartFailure(output: issued.stderr) }
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The token on stdout and the id and user on stderr come from the same process: checked,
        // because one long chaos run once gave a replica a token its server did not know.
        let id = String(SHA256.hex(SHA256.hash(Array(token.utf8))).prefix(12))
        guard issued.stderr.contains("Token \(id) for \(user) ") else {
            throw ServerStartFailure(
                output:
                    "admin token issue \(user): the token printed (id \(id)) is not the one announced: \(issued.stderr)"
            )
        }
        return token
    }

    public struct ServerStartFailure: Error, CustomStringConvertible {
        public let output: String
        public var description: String { "renkei-server did not start: \(output)" }
    }

    /// The port it listens on.
    public var port: UInt16 { UInt16(url.split(separator: ":").last.map(String.init) ?? "") ?? 0 }

    /// What the server wrote to standard error so far.
    public var standardError: String { log.text }

    /// Whether the server's standard error shows `text` within `seconds`: its log lines are
    /// written by a thread of their own, so a line may arrive a moment after the answer.
    public func logShows(_ text: String, within seconds: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !standardError.contains(text) {
            if Date() >= deadline { return false }
            usleep(20_000)
        }
        return true
    }

    /// Nil while the server runs; else how it ended (`exit N` or `signal N`) and the end of
    /// what it wrote to standard error. A server that ended without being told to has crashed.
    public var ended: String? {
        guard !process.isRunning else { return nil }
        let how =
            process.terminationReason == .uncaughtSignal
            ? "signal \(process.terminationStatus)" : "exit \(process.terminationStatus)"
        return how + ": " + standardError.split(separator: "\n").suffix(15).joined(separator: "\n")
    }

    /// Sends SIGTERM and waits; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends `signal` (SIGHUP, say) and returns at once.
    public func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Whether the server process is still running.
    public var isRunning: Bool { process.isRunning }

    /// Sends SIGKILL: no cleanup, no graceful anything (a power cut as far as the database knows).
    public func kill9() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
