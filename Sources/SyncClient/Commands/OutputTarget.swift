import CommandLineSupport
import Foundation
import Localization

/// What `docs get -o PATH` writes, decided once when the command begins, before any download:
/// the write afterwards goes by this decision, never by what is at the path by then. Someone who
/// may write the output's folder (`/tmp`, a shared folder) could otherwise put a FIFO or a link
/// there during the download and read the document, or have a file of theirs replaced. Links at
/// the path are never followed: with `--force` a link is replaced like a file, and one that
/// leads to a device or pipe is refused (a link planted to `/dev/sdX` must not have a document
/// written over a disk).
enum OutputTarget {
    /// Nothing was at the path: a new file, renamed into place only while the path is still free.
    case newFile
    /// A regular file, or a link to one or to nothing, was there and `--force` was given: it is
    /// replaced by the new file (the link itself, not what it leads to).
    case replacingFile
    /// A character device (`/dev/null`) or a FIFO of the user's own was there and `--force`
    /// was given: opened now, without following a link, checked to be that very file, and
    /// written into through this descriptor. (A FIFO's opening waits for its reader, as writing
    /// into it would.)
    case device(LocalFile)

    /// The target for `destination`; an existing output without `force` is refused here, before
    /// anything is downloaded. Anything at the path counts, a dangling link included.
    static func decide(for destination: URL, force: Bool) throws -> OutputTarget {
        let path = destination.path
        guard let seen = LocalFile.identity(atPath: path, followingLinks: false) else { return .newFile }
        guard force else {
            throw CommandFailure(localized("docs.get.exists", ["path": path]), status: .failure)
        }
        switch seen.type {
        case .regular, .directory:
            // (A directory: the rename fails and says so; nothing is written into it.)
            return .replacingFile
        case .symbolicLink:
            guard let led = LocalFile.identity(atPath: path), led.type != .regular else { return .replacingFile }
            throw refused(path)
        case .fifo where seen.isOwnedByMe, .characterDevice:
            let device: LocalFile
            do { device = try LocalFile.openForWritingNoFollow(path) } catch {
                throw DocsCommand.cannotWrite(path, error)
            }
            // What was opened must be what was looked at: not a file swapped in between the two.
            guard let opened = try? device.identity(), opened == seen else {
                throw CommandFailure(localized("docs.get.output.changed", ["path": path]), status: .failure)
            }
            return .device(device)
        case .fifo, .other:
            throw refused(path)
        }
    }

    private static func refused(_ path: String) -> CommandFailure {
        CommandFailure(localized("docs.get.output.special", ["path": path]), status: .failure)
    }
}
