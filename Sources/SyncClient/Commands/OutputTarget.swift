import CommandLineSupport
import Foundation
import Localization

/// What `docs get -o PATH` writes, decided once when the command begins, before any download:
/// the write afterwards goes by this decision, never by what is at the path by then. Someone who
/// may write the output's folder (`/tmp`, a shared folder) could otherwise put a FIFO or a link
/// there during the download and read the document, or have a file of theirs replaced.
enum OutputTarget {
    /// Nothing was at the path: a new file, renamed into place only while the path is still free.
    case newFile
    /// A regular file (or a dangling link) was there and `--force` was given: it is replaced.
    case replacingFile
    /// A device or FIFO was there and `--force` was given: opened now, and written into
    /// through this descriptor, so that the path cannot be pointed elsewhere meanwhile. (A
    /// FIFO's opening waits for its reader, as writing into it would.)
    case device(LocalFile)

    /// The target for `destination`; an existing output without `force` is refused here, before
    /// anything is downloaded. Anything at the path counts, a dangling link included.
    static func decide(for destination: URL, force: Bool) throws -> OutputTarget {
        let path = destination.path
        guard LocalFile.kind(atPath: path, followingLinks: false) != nil else { return .newFile }
        guard force else {
            throw CommandFailure(localized("docs.get.exists", ["path": path]), status: .failure)
        }
        guard let seen = LocalFile.identity(atPath: path), seen.kind != .regular else { return .replacingFile }
        let device: LocalFile
        do { device = try LocalFile.openForWriting(path) } catch {
            throw CommandFailure(
                localized("docs.get.cannot.write", ["path": path, "reason": error.description]), status: .failure)
        }
        // What was opened must be what was looked at: not a file swapped in between the two.
        guard let opened = try? device.identity(), opened == seen else {
            throw CommandFailure(localized("docs.get.output.changed", ["path": path]), status: .failure)
        }
        return .device(device)
    }
}
