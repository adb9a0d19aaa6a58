import Models

/// `GET /metrics` in the Prometheus text format (version 0.0.4): the counters of
/// `ServerMetrics`, and gauges read when scraped (open connections, the server's sequence, the
/// database's and the file store's size, and per municipality the age of its last sync).
enum MetricsText {
    /// What the gauges read, at the time of the scrape.
    struct Gauges {
        var openConnections: Int
        var sequence: Int64
        var databaseBytes: Int64
        var blobBytes: Int64
        /// Municipality code -> seconds since any of its replicas last reached the server.
        var lastSyncAge: [String: Int64]
    }

    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    static func render(_ counts: ServerMetrics.Counts, _ gauges: Gauges) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        family("renkei_info", "gauge", "The server's version.")
        out += "renkei_info{version=\"\(label(RenkeiVersion.current))\"} 1\n"
        family("renkei_http_requests_total", "counter", "HTTP requests answered, by route, method and status.")
        for (key, count) in counts.requests.sorted(by: { $0.key < $1.key }) {
            out +=
                "renkei_http_requests_total{route=\"\(label(key.route))\",method=\"\(label(key.method))\",status=\"\(key.status)\"} \(count)\n"
        }
        family("renkei_http_request_bytes_total", "counter", "Bytes of buffered request bodies received.")
        out += "renkei_http_request_bytes_total \(counts.bytesIn)\n"
        family("renkei_http_response_bytes_total", "counter", "Bytes of response bodies sent.")
        out += "renkei_http_response_bytes_total \(counts.bytesOut)\n"
        family("renkei_push_changes_total", "counter", "Changes pushed, by outcome (accepted, rejected).")
        out += "renkei_push_changes_total{outcome=\"accepted\"} \(counts.changesAccepted)\n"
        out += "renkei_push_changes_total{outcome=\"rejected\"} \(counts.changesRejected)\n"
        family("renkei_pull_changes_total", "counter", "Changes sent in pull pages.")
        out += "renkei_pull_changes_total \(counts.changesPulled)\n"
        family("renkei_push_refused_total", "counter", "Pushes refused whole (nothing applied).")
        out += "renkei_push_refused_total \(counts.pushesRefused)\n"
        family("renkei_open_connections", "gauge", "Connections open now.")
        out += "renkei_open_connections \(gauges.openConnections)\n"
        family("renkei_server_sequence", "gauge", "The highest server sequence given.")
        out += "renkei_server_sequence \(gauges.sequence)\n"
        family("renkei_database_bytes", "gauge", "Size of the database files (with its write-ahead log).")
        out += "renkei_database_bytes \(gauges.databaseBytes)\n"
        family("renkei_blob_store_bytes", "gauge", "Size of the stored files.")
        out += "renkei_blob_store_bytes \(gauges.blobBytes)\n"
        family(
            "renkei_last_sync_age_seconds", "gauge",
            "Seconds since any replica of the municipality last reached the server.")
        for (code, age) in gauges.lastSyncAge.sorted(by: { $0.key < $1.key }) {
            out += "renkei_last_sync_age_seconds{municipality=\"\(label(code))\"} \(age)\n"
        }
        return out
    }

    /// A label value with `\`, `"` and line feeds escaped, as the format asks.
    static func label(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
