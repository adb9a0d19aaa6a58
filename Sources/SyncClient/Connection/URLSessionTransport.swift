import Dispatch
import Foundation
import Localization
import SyncProtocol
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `SyncTransport` over URLSession (libcurl on Linux), for `https://` servers and servers
/// behind a proxy. The calling thread waits for URLSession's completion handler.
final class URLSessionTransport: SyncTransport {
    private let baseURL: String
    private let session: URLSession
    /// Fields sent with every request (the token, the replica id).
    private let headers: [(String, String)]

    /// - Parameters:
    ///   - server: the server's base URL, e.g. `https://renkei.example.lg.jp`.
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

    func send(_ request: TransportRequest) throws(TransportError) -> TransportResponse {
        guard let url = URL(string: baseURL + request.path) else {
            throw TransportError(message: localized("connection.url.invalid", ["url": baseURL]))
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body = request.body {
            urlRequest.httpBody = body
            urlRequest.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers + request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<TransportResponse, TransportError>?>(nil)
        let task = session.dataTask(with: urlRequest) { data, response, error in
            let result: Result<TransportResponse, TransportError>
            if let error {
                result = .failure(TransportError(message: (error as NSError).localizedDescription))
            } else if let http = response as? HTTPURLResponse {
                var fields: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
                }
                result = .success(TransportResponse(status: http.statusCode, body: data ?? Data(), headers: fields))
            } else {
                result = .failure(TransportError(message: localized("connection.not.http")))
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        task.resume()
        done.wait()
        guard let result = outcome.withLock({ $0 }) else {
            throw TransportError(message: localized("connection.no.answer"))
        }
        return try result.get()
    }
}
