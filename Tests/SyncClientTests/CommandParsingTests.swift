import CommandLineSupport
import Models
import TestSupport
import Testing

@testable import SyncClient

@Suite struct CommandParsingTests {
    @Test func putParsesKeyValueAndScope() throws {
        let command = try PutCommand(
            ArgumentList([
                "--home", "/tmp/x", "answers", "osaka-dx-2025/271004/A05", "value", #"{"amount":12}"#, "--scope",
                "271004",
            ]))
        #expect(command.key.record == "osaka-dx-2025/271004/A05")
        #expect(command.value == ["amount": 12])
        #expect(command.scope?.description == "271004")
        #expect(command.home.replicaPath == "/tmp/x/replica.sqlite")
    }

    @Test func putRefusesBadKeysScopesAndValuesBeforeTouchingTheReplica() {
        #expect(throws: UsageError.self) { try PutCommand(ArgumentList(["Answers", "r", "f", "1"])) }
        #expect(throws: UsageError.self) {
            try PutCommand(ArgumentList(["answers", "r", "f", "1", "--scope", "271005"]))
        }
        #expect(throws: UsageError.self) { try PutCommand(ArgumentList(["answers", "r", "f"])) }
        #expect {
            try PutCommand(ArgumentList(["answers", "r", "f", "{broken"]))
        } throws: { error in
            (error as? CommandFailure)?.status == .dataError
        }
    }

    @Test func initNeedsAValidScopeAndUser() {
        #expect(throws: UsageError.self) { try InitCommand(ArgumentList(["--user", "tanaka"])) }
        #expect(throws: UsageError.self) { try InitCommand(ArgumentList(["--scope", "271004"])) }
        #expect(throws: UsageError.self) { try InitCommand(ArgumentList(["--scope", "27100", "--user", "t"])) }
        #expect(throws: UsageError.self) { try InitCommand(ArgumentList(["--scope", "271004", "--user", "a\nb"])) }
        #expect(throws: Never.self) { try InitCommand(ArgumentList(["--scope", "shared", "--user", "advisor"])) }
    }
}

@Suite struct ConflictKeyTests {
    @Test func keysParseAsPrintedWithSlashesInTheRecord() throws {
        let key = try ConflictsCommand.parseKey("answers/osaka-dx-2025/271004/A05#value")
        #expect(key.collection == "answers" && key.record == "osaka-dx-2025/271004/A05" && key.field == "value")
        let hashInRecord = try ConflictsCommand.parseKey("hearings/a#b#summary")
        #expect(hashInRecord.record == "a#b" && hashInRecord.field == "summary")
        #expect(throws: UsageError.self) { try ConflictsCommand.parseKey("answers#value") }
        #expect(throws: UsageError.self) { try ConflictsCommand.parseKey("Answers/x#value") }
    }
}
