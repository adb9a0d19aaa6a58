/// Turns a document's name (data written by anyone) into a file name that is safe to create in
/// the current directory on Linux and on the Windows PCs municipalities use: no separators, no
/// characters Windows refuses, no reserved device names, no trailing dots or spaces, never `.`
/// or `..`. Japanese text, full-width characters and everything else printable are kept.
enum LocalFileName {
    /// Device names Windows reserves whatever the extension (`CON`, `con.txt`, `LPT1.docx`).
    static let reserved = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    static func safe(_ name: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            let forbidden = "/\\:*?\"<>|".unicodeScalars.contains(scalar)
            let control = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
            scalars.append(forbidden || control ? "_" : scalar)
        }
        var result = String(scalars)
        while let last = result.last, last == "." || last == " " { result.removeLast() }
        if result.isEmpty { return "_" }
        let stem = result.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
        if reserved.contains(stem.uppercased().trimmingTrailingSpaces) { result = "_" + result }
        while result.utf8.count > 255 { result.removeFirst() }
        return result
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
