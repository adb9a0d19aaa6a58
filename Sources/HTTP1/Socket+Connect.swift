import Glibc

extension Socket {
    /// A connected TCP socket to `host` (a name, or an IPv4 or IPv6 literal, brackets allowed),
    /// trying each address `getaddrinfo` gives in turn. Each attempt waits at most `timeout`
    /// seconds. The socket comes back blocking, with `TCP_NODELAY` and the same `timeout` for
    /// every send and receive (`SO_SNDTIMEO`/`SO_RCVTIMEO`: a call that waits longer fails with
    /// EAGAIN), so a peer that stops answering costs a sleeping thread, never a spinning one.
    public static func connect(host: String, port: UInt16, timeout: Double) throws(HTTPClientError) -> Socket {
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(name, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            throw .unknownHost(name, reason: String(cString: gai_strerror(resolved)))
        }
        defer { freeaddrinfo(list) }
        var lastError = SocketError(call: "connect", errno: EHOSTUNREACH)
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            do throws(SocketError) {
                return try connect(to: address.pointee, timeout: timeout)
            } catch {
                lastError = error
                if error.errno == ETIMEDOUT { throw .timedOut(seconds: timeout) }
            }
        }
        let shown = name.contains(":") ? "[\(name)]:\(port)" : "\(name):\(port)"
        throw .cannotConnect(shown, reason: String(cString: strerror(lastError.errno)))
    }

    private static func connect(to address: addrinfo, timeout: Double) throws(SocketError) -> Socket {
        let descriptor = try systemCall("socket") {
            Glibc.socket(address.ai_family, address.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), address.ai_protocol)
        }
        let socket = Socket(descriptor: descriptor)
        do throws(SocketError) {
            let flags = try systemCall("fcntl") { fcntl(descriptor, F_GETFL) }
            try systemCall("fcntl") { fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) }
            if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) != 0 {
                guard errno == EINPROGRESS else { throw SocketError(call: "connect", errno: errno) }
                var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                let ready = try systemCall("poll") { poll(&entry, 1, Int32(min(timeout * 1_000, 2_000_000_000))) }
                guard ready > 0 else { throw SocketError(call: "connect", errno: ETIMEDOUT) }
                var failure: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                try systemCall("getsockopt") { getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) }
                guard failure == 0 else { throw SocketError(call: "connect", errno: failure) }
            }
            try systemCall("fcntl") { fcntl(descriptor, F_SETFL, flags) }
        } catch {
            socket.close()
            throw error
        }
        var yes: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
        let seconds = max(timeout, 0.001)
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        return socket
    }
}
