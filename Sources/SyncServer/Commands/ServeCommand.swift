import CommandLineSupport
import Dispatch
import Foundation
import Glibc
import HTTP1
import Localization
import Models

/// `renkei-server serve`: the sync server over HTTP/1.1.
struct ServeCommand {
    static let defaultMaxConnections = 512
    static let defaultMaxConnectionsPerAddress = 64
    static let defaultMaxBody: Int64 = 8 << 20
    /// Bytes one user may have the server write per day (`WriteBudget`): twice the largest file.
    static let defaultDailyWriteLimit: Int64 = 8 << 30
    /// Bytes kept free on the data directory's disk (`DiskReserve`).
    static let defaultDiskReserve: Int64 = 512 << 20

    let data: ServerDataDirectory
    let listen: ListenAddress
    let maxConnections: Int
    /// Connections at once from one TCP peer address (the trusted proxy excepted).
    let maxConnectionsPerAddress: Int
    let maxBody: Int
    let limits: BlobLimits
    /// Bytes per user per day; 0: no budget.
    let dailyWriteLimit: Int64
    /// Bytes kept free on the disk; 0: none.
    let diskReserve: Int64
    let trustedProxy: String?
    let logger: Logger

    init(_ arguments: ArgumentList) throws {
        var arguments = arguments
        data = try ServerDataDirectory(&arguments)
        listen =
            try arguments.option(ServerOptions.listen).map { text throws(UsageError) in
                try ListenAddress(parsing: text)
            } ?? .default
        maxConnections =
            try Self.positiveInteger(&arguments, ServerOptions.maxConnections) ?? Self.defaultMaxConnections
        maxConnectionsPerAddress =
            try Self.positiveInteger(&arguments, ServerOptions.maxConnectionsPerAddress)
            ?? Self.defaultMaxConnectionsPerAddress
        maxBody = try Self.positiveInteger(&arguments, ServerOptions.maxBody) ?? Int(Self.defaultMaxBody)
        var limits = BlobLimits()
        if let bytes = try Self.positiveInteger(&arguments, ServerOptions.maxFile) {
            limits.maxFileBytes = Int64(bytes)
        }
        if let bytes = try Self.positiveInteger(&arguments, ServerOptions.maxChunk) {
            limits.maxChunkBytes = bytes
        }
        if let hours = try Self.positiveInteger(&arguments, ServerOptions.uploadExpiry) {
            limits.uploadExpirySeconds = hours * 3600
        }
        self.limits = limits
        dailyWriteLimit =
            try Self.byteCount(&arguments, ServerOptions.dailyWriteLimit) ?? Self.defaultDailyWriteLimit
        diskReserve = try Self.byteCount(&arguments, ServerOptions.diskReserve) ?? Self.defaultDiskReserve
        trustedProxy = try arguments.option(ServerOptions.trustedProxy).map { text throws(UsageError) in
            guard let canonical = Self.canonicalAddress(text) else {
                throw UsageError(localized("serve.trusted.proxy.invalid"))
            }
            return canonical
        }
        var logger = Logger()
        logger.lineBudget = LogLineBudget()
        logger.securityLineBudget = LogLineBudget()
        if let level = try arguments.option(ServerOptions.logLevel) {
            let levels: [String: Logger.Level] = ["debug": .debug, "info": .info, "warning": .warning, "error": .error]
            guard let chosen = levels[level] else {
                throw UsageError(localized("serve.log.level.invalid"))
            }
            logger.minimumLevel = chosen
        }
        if let path = try arguments.option(ServerOptions.logFile) {
            do { logger.sink = try LogSink(path: path) } catch {
                throw CommandFailure("\(error)", status: .failure)
            }
        }
        self.logger = logger
        try arguments.finish()
    }

    /// The value of `option`, which must be a positive whole number, if given.
    private static func positiveInteger(_ arguments: inout ArgumentList, _ option: CommandOption) throws(UsageError)
        -> Int?
    {
        guard let text = try arguments.option(option) else { return nil }
        guard let value = Int(text), value > 0 else {
            throw UsageError(localized("serve.positive.integer", ["option": option.name]))
        }
        return value
    }

    /// The value of `option`, a whole number of bytes (0 turns the limit off), if given.
    private static func byteCount(_ arguments: inout ArgumentList, _ option: CommandOption) throws(UsageError)
        -> Int64?
    {
        guard let text = try arguments.option(option) else { return nil }
        guard let value = Int64(text), value >= 0 else {
            throw UsageError(localized("serve.byte.count", ["option": option.name]))
        }
        return value
    }

    /// An IP address as the server sees its peers (`inet_ntop`'s form, e.g. `::1` for
    /// `0:0::1`), so that comparing it with a peer's address compares addresses, not spellings;
    /// nil when `text` is not an IPv4 or IPv6 address.
    static func canonicalAddress(_ text: String) -> String? {
        var buffer = [UInt8](repeating: 0, count: 16)
        var output = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        for family in [AF_INET, AF_INET6] where inet_pton(family, text, &buffer) == 1 {
            guard inet_ntop(family, &buffer, &output, socklen_t(output.count)) != nil else { return nil }
            return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return nil
    }

    func run() throws -> Never {
        signal(SIGPIPE, SIG_IGN)
        let store = try data.openStore(create: true)
        let lock = try ServeLock(data.url)
        guard lock.acquire() else {
            throw CommandFailure(localized("serve.already.serving", ["path": data.url.path]), status: .failure)
        }
        let blobStore = try data.openBlobStore()
        let metrics = ServerMetrics()
        let service = SyncService(store: store, blobs: blobStore, logger: logger, metrics: metrics)
        let reserve = DiskReserve(bytes: diskReserve, path: data.url.path, logger: logger)
        let writeBudget = WriteBudget(bytesPerDay: dailyWriteLimit)
        let blobs = BlobService(
            store: store, blobs: blobStore, logger: logger, limits: limits, reserve: reserve, writeBudget: writeBudget)
        blobs.removeOrphanTemporaries()
        blobs.expireUploads()
        var configuration = HTTPServerConfiguration()
        configuration.host = listen.host
        configuration.port = listen.port
        configuration.maxConnections = maxConnections
        configuration.maxConnectionsPerAddress = maxConnectionsPerAddress
        configuration.perAddressCapExemptions = Set(trustedProxy.map { [$0] } ?? [])
        let logger = self.logger
        configuration.log = { level, message, fields in
            let mapped: Logger.Level
            switch level {
            case .debug: mapped = .debug
            case .info: mapped = .info
            case .warning: mapped = .warning
            case .error: mapped = .error
            }
            logger.log(mapped, message, fields)
        }
        let authenticator = Authenticator(
            access: store.access, throttle: FailureThrottle(), trustedProxy: trustedProxy, logger: logger)
        let server: HTTPServer
        do {
            server = try HTTPServer(
                configuration: configuration,
                responder: SyncRoutes(
                    service: service, blobs: blobs, authenticator: authenticator,
                    dashboard: Dashboard(
                        store: store, sessions: DashboardSessions(), authenticator: authenticator, logger: logger),
                    activity: ActivityRecorder(store: store), maxJSONBodyBytes: maxBody,
                    gauges: { [data] in
                        try MetricsText.Gauges(store: store, blobs: blobStore, data: data, metrics: metrics)
                    },
                    writeBudget: writeBudget, diskReserve: reserve))
        } catch let error as SocketError {
            throw CommandFailure(
                localized("serve.cannot.listen", ["address": "\(listen.host):\(listen.port)", "error": error]),
                status: .failure)
        }
        // Signals are handled on a thread of their own (`SignalPipe`), installed before the server
        // starts: SIGTERM and SIGINT stop it after the requests in flight; SIGHUP reopens the log
        // file and never stops it.
        try SignalPipe.install([SIGTERM, SIGINT, SIGHUP]) { signalNumber in
            guard signalNumber == SIGHUP else {
                logger.log(
                    .info, "stopping",
                    [
                        ("signal", signalNumber == SIGTERM ? "TERM" : "INT"),
                        ("in_flight", "\(server.activeConnections)"),
                    ])
                server.shutdown()
                logger.log(.info, "stopped")
                exit(0)
            }
            guard let path = logger.sink.path else {
                logger.log(.info, "SIGHUP: no log file to reopen (logging to standard error)")
                return
            }
            do {
                try logger.sink.reopen()
                logger.log(.info, "log file reopened", [("path", path)])
            } catch {
                logger.log(.error, "log file not reopened; still writing to the old one", [("detail", "\(error)")])
            }
        }
        metrics.countConnections { server.activeConnections }
        server.start()
        let url =
            listen.host.contains(":")
            ? "http://[\(listen.host)]:\(server.port)" : "http://\(listen.host):\(server.port)"
        // A line for scripts (they read the URL after `listening on `), the same in every language.
        print("renkei-server listening on \(url)")
        fflush(nil)
        logger.log(.info, "started", [("listen", url), ("data", data.url.path), ("replica", store.replicaID.hex)])

        // After a burst glibc and SQLite keep their memory; give it back once the server is idle.
        let trimmer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        trimmer.schedule(deadline: .now() + 5, repeating: 5)
        trimmer.setEventHandler {
            guard server.activeConnections == 0 else { return }
            try? store.releaseMemory()
            Malloc.trim()
        }
        trimmer.resume()

        withExtendedLifetime((trimmer, lock)) { dispatchMain() }
    }
}
