import Foundation

/// Office files as a person sees them: converted by LibreOffice (headless) to PDF, and the PDF's
/// pages to PNG images (poppler's `pdftoppm`), so a test can count pages and a person can look.
public enum OfficeRendering {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The PDF LibreOffice makes of `path` (an .xlsx or .docx), in `directory`. Each call has
    /// its own LibreOffice profile, so conversions may run side by side.
    public static func pdf(of path: String, in directory: TemporaryDirectory) throws -> String {
        let profile = directory.path("lo-profile-\(UUID().uuidString)")
        let output = directory.path("pdf-\(UUID().uuidString)")
        let result = try CommandRunner.run(
            "/usr/bin/soffice",
            [
                "-env:UserInstallation=file://\(profile)", "--headless", "--norestore", "--convert-to", "pdf",
                "--outdir", output, path,
            ], timeout: 180)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent + ".pdf"
        let pdf = URL(fileURLWithPath: output).appendingPathComponent(name).path
        guard result.status == 0, FileManager.default.fileExists(atPath: pdf) else {
            throw Failure(description: "LibreOffice did not convert \(path): \(result.stdout) \(result.stderr)")
        }
        return pdf
    }

    /// How many pages the PDF has (`pdfinfo`).
    public static func pageCount(_ pdf: String) throws -> Int {
        let result = try CommandRunner.run("/usr/bin/pdfinfo", [pdf])
        let line = result.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
        guard let count = line.flatMap({ Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }) else {
            throw Failure(description: "pdfinfo could not read \(pdf): \(result.stderr)")
        }
        return count
    }

    /// The PDF's pages as PNG files (`resolution` dots per inch), in page order.
    public static func pages(of pdf: String, resolution: Int = 60) throws -> [String] {
        let prefix = pdf + "-page"
        let result = try CommandRunner.run("/usr/bin/pdftoppm", ["-png", "-r", String(resolution), pdf, prefix])
        guard result.status == 0 else { throw Failure(description: "pdftoppm failed: \(result.stderr)") }
        let directory = URL(fileURLWithPath: pdf).deletingLastPathComponent()
        let stem = URL(fileURLWithPath: prefix).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(stem) && $0.hasSuffix(".png") }.sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// Copies `files` to the directory `RENKEI_KEEP_RENDERINGS` names, when it is set, for a
    /// person to look at.
    public static func keep(_ files: [String]) throws {
        guard let keep = ProcessInfo.processInfo.environment["RENKEI_KEEP_RENDERINGS"] else { return }
        try? FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
        for file in files {
            let target = URL(fileURLWithPath: keep).appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(atPath: file, toPath: target.path)
        }
    }
}
