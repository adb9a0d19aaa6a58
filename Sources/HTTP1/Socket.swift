import Dispatch
import Glibc

/// A TCP socket file descriptor. Not shared between threads except for `shutdown`, which is
/// safe to call from another thread to unblock a pending `accept` or `recv`.
public struct Socket: Sendable {
    public let descriptor: Int32

    /// Adopts an open descriptor; the caller hands over its ownership.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// A connected client socket to an IPv4 or IPv6 literal (used by tests and tools on loopback),
    /// from the local address `source` when given (e.g. `127.0.0.2`: another loopback address,
    /// to look like a second machine to a server that counts connections per address).
    public static func connect(host: String, port: UInt16, from source: String? = nil) throws(SocketError) -> Socket {
        let descriptor = try systemCall("socket") {
            Glibc.socket(
                host.contains(":") ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do throws(SocketError) {
            if let source {
                try withAddress(host: source, port: 0) { address, length throws(SocketError) in
                    try systemCall("bind") { Glibc.bind(descriptor, address, length) }
                }
            }
            try withAddress(host: host, port: port) { address, length throws(SocketError) in
                try systemCall("connect") { Glibc.connect(descriptor, address, length) }
            }
        } catch {
            Glibc.close(descriptor)
            throw error
        }
        return Socket(descriptor: descriptor)
    }

    /// A listening socket bound to `host:port` (IPv4 or IPv6 literal; port 0 picks a free port).
    public static func listen(host: String, port: UInt16, backlog: Int32 = 1024) throws(SocketError) -> Socket {
        let descriptor = try systemCall("socket") {
            Glibc.socket(
                host.contains(":") ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        let socket = Socket(descriptor: descriptor)
        do throws(SocketError) {
            var yes: Int32 = 1
            try systemCall("setsockopt(SO_REUSEADDR)") {
                setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            }
            try withAddress(host: host, port: port) { address, length throws(SocketError) in
                try systemCall("bind") { Glibc.bind(descriptor, address, length) }
            }
            try systemCall("listen") { Glibc.listen(descriptor, backlog) }
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Calls `body` with the socket address of an IPv4 or IPv6 literal (`host` with a colon is IPv6).
    private static func withAddress(
        host: String, port: UInt16, _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SocketError) -> Int32
    ) throws(SocketError) {
        func call<Address>(_ address: inout Address) throws(SocketError) {
            let length = socklen_t(MemoryLayout<Address>.size)
            _ = try withUnsafePointer(to: &address) { pointer throws(SocketError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(SocketError) in
                    try body(raw, length)
                }
            }
        }
        let parsed: Int32
        if host.contains(":") {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            parsed = inet_pton(AF_INET6, host, &address.sin6_addr)
            if parsed == 1 { try call(&address) }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            parsed = inet_pton(AF_INET, host, &address.sin_addr)
            if parsed == 1 { try call(&address) }
        }
        guard parsed == 1 else { throw SocketError(call: "inet_pton(\(host))", errno: EINVAL) }
    }

    /// The local port (useful after binding port 0).
    public func localPort() throws(SocketError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SocketError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(SocketError) in
                try systemCall("getsockname") { getsockname(descriptor, raw, &length) }
            }
        }
        return Self.port(of: storage)
    }

    /// Waits for a connection.
    public func accept() throws(SocketError) -> (Socket, peer: String) {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = try withUnsafeMutablePointer(to: &storage) { pointer throws(SocketError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw throws(SocketError) in
                try systemCall("accept") { Glibc.accept(descriptor, raw, &length) }
            }
        }
        _ = fcntl(client, F_SETFD, FD_CLOEXEC)
        var yes: Int32 = 1
        setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        return (Socket(descriptor: client), Self.describe(storage))
    }

    /// Waits until bytes can be read or `timeoutMilliseconds` pass; returns false on timeout.
    public func waitReadable(timeoutMilliseconds: Int32) throws(SocketError) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = try systemCall("poll") { poll(&entry, 1, timeoutMilliseconds) }
        return ready > 0
    }

    /// Waits until one of `sockets` has bytes to read (or was closed or failed) or
    /// `timeoutMilliseconds` pass; returns, for each socket in order, whether it is ready.
    public static func waitReadable(_ sockets: [Socket], timeoutMilliseconds: Int32) -> [Bool] {
        var entries = sockets.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
        guard poll(&entries, nfds_t(entries.count), timeoutMilliseconds) > 0 else {
            return Array(repeating: false, count: sockets.count)
        }
        return entries.map { $0.revents != 0 }
    }

    /// Reads what is available into `buffer` (at most its count); 0 means the peer closed.
    public func receive(into buffer: inout [UInt8]) throws(SocketError) -> Int {
        let count = buffer.count
        return try systemCall("recv") {
            buffer.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, count, 0) }
        }
    }

    /// Writes every byte (blocking), never raising SIGPIPE.
    ///
    /// With `keepGoing`, a send that times out is not an error by itself: `keepGoing` is asked,
    /// with the bytes sent so far, after each send and each such timeout, and the sending stops
    /// (`ETIMEDOUT`) when it says no (as for `sendFile`).
    public func sendAll(_ bytes: [UInt8], keepGoing: ((Int64) -> Bool)? = nil) throws(SocketError) {
        // (`withUnsafeBytes` rethrows untyped errors: the outcome comes out as a `Result`.)
        try bytes.withUnsafeBytes { raw in
            Result { () throws(SocketError) in try send(raw, sentBefore: 0, keepGoing) }
        }.get()
    }

    /// Sends every byte of `raw` (`sendAll`, and `sendFile`'s copying path), asking `keepGoing`
    /// with the bytes of the whole body sent so far (`sentBefore` of them before `raw`).
    private func send(
        _ raw: UnsafeRawBufferPointer, sentBefore: Int64, _ keepGoing: ((Int64) -> Bool)?
    ) throws(SocketError) {
        var offset = 0
        while offset < raw.count {
            let sent = Glibc.send(descriptor, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            let code = sent < 0 ? errno : 0
            if sent < 0 && code == EINTR { continue }
            offset += max(0, sent)
            try Self.carryOn(
                call: "send", failure: sent < 0 ? code : nil, sent: sentBefore + Int64(offset), keepGoing)
        }
    }

    /// Sends `length` bytes of the file `file` from `offset`, with `sendfile(2)`: the kernel
    /// moves the bytes from the file cache to the socket, with no copy through this process
    /// (a 512 MiB download costs the server about a sixth of the CPU time of `pread` and `send`).
    /// Where the kernel cannot do that for this file, through a 256 KiB buffer (never the whole
    /// file in memory). A file shorter than announced is an error: the peer was promised
    /// `length` bytes.
    ///
    /// With `keepGoing`, a send that times out (the socket's send timeout) is not an error by
    /// itself: `keepGoing` is asked, with the bytes sent so far, after each send and each such
    /// timeout, and the sending stops (`ETIMEDOUT`) when it says no. So a short send timeout
    /// lets the caller judge the reader's pace often.
    public func sendFile(
        _ file: Int32, offset: Int64, length: Int64, keepGoing: ((Int64) -> Bool)? = nil
    ) throws(SocketError) {
        var position = off_t(offset)
        let end = off_t(offset + length)
        while position < end {
            let wanted = Int(min(off_t(1 << 30), end - position))
            let sent = Glibc.sendfile(descriptor, file, &position, wanted)
            let code = sent < 0 ? errno : 0
            if sent == 0 { throw SocketError(call: "sendfile", errno: EIO) }  // the file ended early
            if sent < 0 && code == EINTR { continue }
            // Not possible for this file (EINVAL, ENOSYS): nothing of this call was sent.
            if sent < 0 && (code == EINVAL || code == ENOSYS) {
                return try sendFileCopying(
                    file, offset: Int64(position), length: Int64(end - position), sentBefore: Int64(position) - offset,
                    keepGoing: keepGoing)
            }
            try Self.carryOn(
                call: "sendfile", failure: sent < 0 ? code : nil, sent: Int64(position) - offset, keepGoing)
        }
    }

    /// After a send call of `sendAll` or `sendFile` (`failure`: its `errno` when it failed, never `EINTR`):
    /// throws unless sending goes on. A timeout is no failure when `keepGoing` is there to
    /// judge; `keepGoing` is asked after every call, with the bytes of the body sent so far.
    private static func carryOn(
        call: String, failure: Int32?, sent: Int64, _ keepGoing: ((Int64) -> Bool)?
    ) throws(SocketError) {
        if let failure, !((failure == EAGAIN || failure == EWOULDBLOCK) && keepGoing != nil) {
            throw SocketError(call: call, errno: failure)
        }
        if let keepGoing, !keepGoing(sent) { throw SocketError(call: call, errno: ETIMEDOUT) }
    }

    /// `sendFile` through a 256 KiB buffer: `pread`, then `send`; `sentBefore` bytes of the
    /// whole were sent already (for `keepGoing`).
    private func sendFileCopying(
        _ file: Int32, offset: Int64, length: Int64, sentBefore: Int64, keepGoing: ((Int64) -> Bool)?
    ) throws(SocketError) {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        var position = offset
        let end = offset + length
        while position < end {
            let wanted = Int(min(Int64(buffer.count), end - position))
            let count = buffer.withUnsafeMutableBytes { pread(file, $0.baseAddress, wanted, off_t(position)) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw SocketError(call: "pread", errno: count < 0 ? errno : EIO) }
            let before = sentBefore + position - offset
            try buffer.withUnsafeBytes { raw in
                Result { () throws(SocketError) in
                    try send(UnsafeRawBufferPointer(rebasing: raw[0..<count]), sentBefore: before, keepGoing)
                }
            }.get()
            position += Int64(count)
        }
    }

    /// Bytes written to this socket that the peer has not acknowledged yet (`TIOCOUTQ`: still in
    /// the kernel's send queue); 0 when the kernel does not say.
    public func unacknowledgedBytes() -> Int64 {
        var queued: Int32 = 0
        guard ioctl(descriptor, UInt(TIOCOUTQ), &queued) == 0 else { return 0 }
        return Int64(max(0, queued))
    }

    /// Sets a send timeout so a client that stops reading cannot hold a thread forever: in
    /// seconds, to the microsecond; 0 or less: no timeout.
    public func setSendTimeout(seconds: Double) {
        let microseconds = seconds > 0 ? max(1, Int(min(seconds, 1e9) * 1_000_000)) : 0
        var value = timeval(tv_sec: microseconds / 1_000_000, tv_usec: Int(microseconds % 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Stops reads and writes; wakes a thread blocked in `accept` or `recv` on this socket.
    public func shutdown() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
    }

    public func close() {
        _ = Glibc.close(descriptor)
    }

    /// Closes after an error answer without destroying it (see `drain(milliseconds:)`).
    public func closeAfterDraining(milliseconds: Int) {
        shutdownWrite()
        drain(milliseconds: milliseconds)
        close()
    }

    /// Stops writing (sends FIN); reading still works.
    public func shutdownWrite() {
        _ = Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads and drops what the peer still sends, for at most `milliseconds` or until it closes.
    ///
    /// Closing a socket with unread bytes makes the kernel send a reset, which can destroy an
    /// answer the peer has not read yet (a 413 or 503 sent before the request was read).
    public func drain(milliseconds: Int) {
        lingeringClose(idleMilliseconds: milliseconds, totalMilliseconds: milliseconds, maxBytes: .max)
    }

    /// Reads and drops what the peer still sends until it closes, stays silent for
    /// `idleMilliseconds`, or `totalMilliseconds` or `maxBytes` are reached (nginx's lingering
    /// close): a client still sending a refused body gets time to read the answer first, and a
    /// client that never stops cannot hold the connection beyond the bounds.
    public func lingeringClose(idleMilliseconds: Int, totalMilliseconds: Int, maxBytes: Int) {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(totalMilliseconds) * 1_000_000
        var drained = 0
        while drained < maxBytes {
            let now = DispatchTime.now().uptimeNanoseconds
            guard now < deadline else { return }
            let remaining = Int32(min(UInt64(idleMilliseconds), max(1, (deadline - now) / 1_000_000)))
            guard let ready = try? waitReadable(timeoutMilliseconds: remaining), ready else { return }
            guard let count = try? receive(into: &buffer), count > 0 else { return }
            drained += count
        }
    }

    private static func port(of storage: sockaddr_storage) -> UInt16 {
        var storage = storage
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin6_port)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                UInt16(bigEndian: $0.pointee.sin_port)
            }
        }
    }

    /// `address:port` of a peer, e.g. `127.0.0.1:51234` or `[::1]:51234`.
    private static func describe(_ storage: sockaddr_storage) -> String {
        var storage = storage
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let port = Self.port(of: storage)
        let family = Int32(storage.ss_family)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var raw = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                    return "[\(Self.string(text))]:\(port)"
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                var raw = address.pointee.sin_addr
                inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
                return "\(Self.string(text)):\(port)"
            }
        }
    }

    /// The text of a NUL-terminated C buffer.
    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
