import Foundation

/// Runs Python 3 scripts (openpyxl, python-docx, zlib) that make test files or read the
/// project's files back as a third party would.
public enum Python {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `script` with `arguments`; its stdout, or a failure with its stderr.
    @discardableResult
    public static func run(_ script: String, _ arguments: [String] = [], timeout: TimeInterval = 120) throws -> String {
        let result = try CommandRunner.run("/usr/bin/env", ["python3", "-c", script] + arguments, timeout: timeout)
        guard result.status == 0 else {
            throw Failure(description: "python3 failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// `bytes` compressed as raw DEFLATE (no zlib header), as ZIP method 8 stores it.
    public static func deflate(_ bytes: [UInt8], in directory: TemporaryDirectory) throws -> [UInt8] {
        let input = directory.path("deflate-in")
        let output = directory.path("deflate-out")
        try Data(bytes).write(to: URL(fileURLWithPath: input))
        try run(
            """
            import sys, zlib
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            data = open(sys.argv[1], "rb").read()
            open(sys.argv[2], "wb").write(c.compress(data) + c.flush())
            """, [input, output])
        return try Array(Data(contentsOf: URL(fileURLWithPath: output)))
    }

    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
