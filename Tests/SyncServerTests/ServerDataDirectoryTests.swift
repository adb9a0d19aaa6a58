import CommandLineSupport
import Foundation
import SyncStorage
import TestSupport
import Testing

@testable import SyncServer

@Suite struct ServerDataDirectoryTests {
    @Test func firstStartCreatesAPrivateDirectoryAndDatabase() throws {
        let directory = try TemporaryDirectory()
        let data = ServerDataDirectory(path: directory.path("nested/data"))
        let store = try data.openStore(create: true)
        #expect(FileManager.default.fileExists(atPath: data.databasePath))
        #expect((try FileManager.default.attributesOfItem(atPath: data.url.path)[.posixPermissions] as? Int) == 0o700)
        #expect(try data.openStore(create: false).replicaID == store.replicaID)
    }

    @Test func aFileWhereTheDirectoryShouldBeIsRefused() throws {
        let directory = try TemporaryDirectory()
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory.path("data")))
        #expect(throws: CommandFailure.self) {
            try ServerDataDirectory(path: directory.path("data")).openStore(create: true)
        }
    }

    @Test func withoutCreateAnEmptyDirectoryIsNotSilentlyInitialised() throws {
        let directory = try TemporaryDirectory()
        let data = ServerDataDirectory(path: directory.url.path)
        #expect(throws: CommandFailure.self) { try data.openStore(create: false) }
        #expect(!FileManager.default.fileExists(atPath: data.databasePath))
    }

    @Test func commandsDefaultToTheEmbeddedDataDirectory() throws {
        let command = try StatusCommand(ArgumentList(["--json"]))
        #expect(command.data.url.lastPathComponent == "renkei-data")
        #expect(command.json)
        #expect(throws: UsageError.self) { try InitCommand(ArgumentList(["--data"])) }
    }
}
