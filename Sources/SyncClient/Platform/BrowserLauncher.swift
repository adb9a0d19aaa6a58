import Foundation

/// Opens a URL in the person's browser: `xdg-open` on Linux desktops, `open` on macOS,
/// `cmd /c start` on Windows. Without one (a server, a terminal over SSH) it does nothing and
/// says so: the URL printed is what the person opens then.
enum BrowserLauncher {
    /// Opens `url` through a page written into `directory` (`ui-open.html`, readable by this user
    /// only) that sends the browser on to it: the URL never appears in a program's arguments.
    /// Returns whether a launcher was found.
    static func open(_ url: String, through directory: URL) throws -> Bool {
        let page = directory.appendingPathComponent("ui-open.html")
        let escaped = url.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        let html =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"refresh\" content=\"0;url=\(escaped)\"><title>Renkei</title></head>"
            + "<body><a href=\"\(escaped)\">Renkei</a></body></html>"
        try? FileManager.default.removeItem(at: page)
        guard
            FileManager.default.createFile(
                atPath: page.path, contents: Data(html.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: page.path]) }
        return open(page.path)
    }

    /// Starts the browser on `target` (a URL or a file) without waiting; returns whether a
    /// launcher was found.
    @discardableResult
    static func open(_ target: String) -> Bool {
        #if os(Windows)
            let command = ("C:\\Windows\\System32\\cmd.exe", ["/c", "start", "", target])
        #elseif os(macOS)
            let command = ("/usr/bin/open", [target])
        #else
            let candidates = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"]
            guard let launcher = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }),
                ProcessInfo.processInfo.environment["DISPLAY"] != nil
                    || ProcessInfo.processInfo.environment["WAYLAND_DISPLAY"] != nil
            else { return false }
            let command = (launcher, [target])
        #endif
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.0)
        process.arguments = command.1
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        return true
    }
}
