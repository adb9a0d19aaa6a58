// swift-tools-version:6.0
//
// Renkei: offline-first sync for a prefecture's municipal DX-advisor programme.
// No package dependencies by design: Foundation, Dispatch, Glibc and system C libraries only.
import PackageDescription

let package = Package(
    name: "Renkei",
    products: [
        .executable(name: "renkei-server", targets: ["SyncServer"]),
        .executable(name: "renkei", targets: ["SyncClient"]),
        .executable(name: "renkei-bench", targets: ["RenkeiBenchmarks"]),
        .executable(name: "renkei-fuzz-http", targets: ["HTTPParserFuzz"]),
        .executable(name: "renkei-fuzz-wire", targets: ["WireFuzz"]),
        .executable(name: "renkei-chaos", targets: ["ChaosHarness"]),
    ],
    targets: [
        // The message catalog (Japanese and English) and the choice of language. Foundation only.
        .target(name: "Localization"),
        // Protocol: identifiers, VersionVector, the merge rule, wire types. Foundation only.
        .target(name: "Models", dependencies: ["Localization"]),
        // Report formats: CSV (UTF-8 with BOM or CP932), XLSX written by hand (ZIP, OOXML),
        // Markdown. Foundation and Glibc (iconv) only.
        .target(name: "Reports", dependencies: ["Models", "Localization"]),
        // SQLite through the system library (Debian: libsqlite3-dev).
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // SHA-256 through libcrypto (Debian: libssl-dev).
        .systemLibrary(name: "CCrypto", providers: [.apt(["libssl-dev"])]),
        // DEFLATE (inflate, CRC-32) through zlib (Debian: zlib1g-dev).
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The only importer of CSQLite and the only place SQL lives.
        .target(name: "SyncStorage", dependencies: ["Models", "Localization", "CSQLite", "CCrypto"]),
        // HTTP/1.1 over POSIX sockets; knows nothing about sync.
        .target(name: "HTTP1"),
        // Reads the cells of .xlsx files (ZIP through zlib, a small XML scanner, SpreadsheetML
        // parts) within size limits; throws on anything it cannot read whole.
        .target(name: "Workbook", dependencies: ["ZlibCoding", "Localization"]),
        // DEFLATE and gzip through zlib, inflation bounded by the caller: ZIP entries of .xlsx
        // files, and push bodies sent with `Content-Encoding: gzip`.
        .target(name: "ZlibCoding", dependencies: ["CZlib"]),
        // Argument parsing and terminal conventions shared by the two executables.
        .target(name: "CommandLineSupport", dependencies: ["Localization"]),
        // The protocol client: `SyncAPI` over a blocking `SyncTransport`, the retry rule, the
        // resumable uploader and downloader, token files, the sync engine and the federation
        // uplink. `renkei` and `renkei-server federate` both speak through it.
        .target(
            name: "SyncProtocol",
            dependencies: ["Models", "Localization", "SyncStorage", "HTTP1", "CommandLineSupport", "ZlibCoding"]),
        .executableTarget(
            name: "SyncServer",
            dependencies: [
                "Models", "Localization", "SyncStorage", "HTTP1", "CommandLineSupport", "Reports", "SyncProtocol",
                "ZlibCoding",
            ]),
        .executableTarget(
            name: "SyncClient",
            dependencies: [
                "Models", "Localization", "SyncStorage", "HTTP1", "CommandLineSupport", "Reports", "SyncProtocol",
                "Workbook",
            ]),

        .executableTarget(
            name: "RenkeiBenchmarks",
            dependencies: ["Models", "SyncStorage", "CSQLite", "HTTP1"],
            path: "Benchmarks/RenkeiBenchmarks"
        ),

        // libFuzzer target for the HTTP parser (scripts/fuzz http); without -DFUZZING it
        // replays corpus files.
        .executableTarget(name: "HTTPParserFuzz", dependencies: ["HTTP1"], path: "Fuzz/HTTPParserFuzz"),
        // libFuzzer target for the JSON wire messages (scripts/fuzz wire).
        .executableTarget(name: "WireFuzz", dependencies: ["Models"], path: "Fuzz/WireFuzz"),

        .target(name: "TestSupport", dependencies: ["Models", "HTTP1", "SyncStorage"], path: "Tests/TestSupport"),
        // The convergence-under-faults scenario over many seeds (long mode; CI runs 20 in tests).
        .executableTarget(name: "ChaosHarness", dependencies: ["TestSupport"], path: "Tools/ChaosHarness"),
        .testTarget(name: "ModelsTests", dependencies: ["Models", "Localization", "TestSupport"]),
        .testTarget(name: "SyncStorageTests", dependencies: ["SyncStorage", "Models", "Localization", "TestSupport"]),
        .testTarget(name: "HTTP1Tests", dependencies: ["HTTP1", "TestSupport"]),
        .testTarget(name: "ZlibCodingTests", dependencies: ["ZlibCoding"]),
        .testTarget(name: "CommandLineSupportTests", dependencies: ["CommandLineSupport", "Localization"]),
        .testTarget(name: "LocalizationTests", dependencies: ["Localization"]),
        .testTarget(
            name: "SyncProtocolTests",
            dependencies: ["SyncProtocol", "SyncStorage", "Models", "TestSupport", "ZlibCoding"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"]),
        .testTarget(name: "WorkbookTests", dependencies: ["Workbook", "TestSupport"]),
        .testTarget(
            name: "SyncServerTests",
            dependencies: [
                "SyncServer", "SyncStorage", "HTTP1", "CommandLineSupport", "Localization", "Models", "TestSupport",
            ]),
        .testTarget(
            name: "SyncClientTests",
            dependencies: ["SyncClient", "CommandLineSupport", "Localization", "Models", "SyncStorage", "TestSupport"]),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["Models", "SyncStorage", "SyncProtocol", "HTTP1", "TestSupport", "ZlibCoding"],
            exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
