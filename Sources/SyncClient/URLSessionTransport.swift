import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `SyncTransport` over URLSession (libcurl on Linux).
final class URLSessionTransport: SyncTransport {
    private let baseURL: String
    private let session: URLSession
    /// Fields sent with every request (the token, the replica id).
    private let headers: [(String, String)]

    /// - Parameters:
    ///   - server: the server's base URL, e.g. `http://127.0.0.1:8080`.
    ///   - timeout: seconds without progress before a request fails.
    init(server: URL, timeout: TimeInterval = 30, headers: [(String, String)] = []) {
        self.headers = headers
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        baseURL = base
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration)
    }

    func send(_ request: TransportRequest) async throws -> TransportResponse {
        guard let url = URL(string: baseURL + request.path) else {
            throw TransportError(message: "invalid server URL \(baseURL)")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body = request.body {
            urlRequest.httpBody = body
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers + request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch {
            throw TransportError(message: (error as NSError).localizedDescription)
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(message: "the server's answer is not HTTP")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        return TransportResponse(status: http.statusCode, body: data, headers: headers)
    }
}
