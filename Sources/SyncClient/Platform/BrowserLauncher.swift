import Foundation

/// Opens a URL in the person's browser: `xdg-open` on Linux desktops, `open` on macOS,
/// `cmd /c start` on Windows. Without one (a server, a terminal over SSH) it does nothing and
/// says so: the URL printed is what the person opens then.
enum BrowserLauncher {
    /// Starts the browser on `url` without waiting; returns whether a launcher was found.
    @discardableResult
    static func open(_ url: String) -> Bool {
        #if os(Windows)
            let command = ("C:\\Windows\\System32\\cmd.exe", ["/c", "start", "", url])
        #elseif os(macOS)
            let command = ("/usr/bin/open", [url])
        #else
            let candidates = ["/usr/bin/xdg-open", "/usr/local/bin/xdg-open"]
            guard let launcher = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }),
                ProcessInfo.processInfo.environment["DISPLAY"] != nil
                    || ProcessInfo.processInfo.environment["WAYLAND_DISPLAY"] != nil
            else { return false }
            let command = (launcher, [url])
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
