import Foundation
import Models
import TestSupport
import Testing

/// Hearings with the real binaries: the advisor records a hearing about Osaka City, its staff
/// review it; concurrent edits of different fields merge.
@Suite(.serialized) struct HearingEndToEndTests {
    @Test func advisorRecordsStaffReviewAndEditsMerge() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)

        let created = try advisor.run([
            "hearing", "new", "--municipality", "271004", "--date", "2025-06-12", "--place", "大阪市役所", "--attendees",
            "田中、鈴木",
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let hearing = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(RecordID.isUUID(hearing))
        let item = try advisor.run([
            "hearing", "item", "add", hearing, "--question", "標準化の移行時期は？", "--answer", "令和7年度末", "--category",
            "情報システムの標準化・共通化", "--faq",
        ])
        #expect(item.status == 0, "\(item.stderr)")
        #expect(
            try sakai.run(["hearing", "new", "--municipality", "271004", "--date", "2025-06-12", "--place", "x"]).status
                == 77, "a role refusal exits 77, as the README says")
        #expect(
            try advisor.run(["hearing", "new", "--municipality", "271004", "--date", "2025-13-01", "--place", "x"])
                .status == 64)

        _ = try advisor.sync()
        _ = try osaka.sync()
        // Concurrent edits of different fields: the advisor fixes the place, staff add a summary.
        #expect(try advisor.run(["hearing", "edit", hearing, "--place", "大阪市役所 本庁舎"]).status == 0)
        #expect(try osaka.run(["hearing", "edit", hearing, "--summary", "標準化の進捗を確認"]).status == 0)
        for replica in [advisor, osaka, advisor, sakai] { _ = try replica.sync() }
        #expect(try sakai.run(["hearing", "show", hearing]).status != 0, "Sakai never receives Osaka City's hearing")
        for replica in [advisor, osaka] {
            let shown = try JSONValue(
                parsing: try replica.run(["hearing", "show", hearing, "--json"]).stdout.trimmingCharacters(
                    in: .newlines))
            #expect(shown["place"] == "大阪市役所 本庁舎" && shown["summary"] == "標準化の進捗を確認")
            #expect(shown["conflicts"] == nil)
            #expect(shown["items"]?.count == 1)
        }
        #expect(try osaka.run(["hearing", "list"]).stdout.contains("大阪市"))
        #expect(try osaka.run(["hearing", "item", "list", hearing]).stdout.contains("FAQ"))

        // $EDITOR: a script stands in for the person editing the template.
        let editor = directory.path("editor.sh")
        try "#!/bin/sh\nsed -i 's/^topics: .*/topics: 標準化、フロントヤード/' \"$1\"\n".write(
            toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let edited = try CommandRunner.run(
            "renkei", ["--home", osaka.home, "hearing", "edit", hearing],
            environment: ["EDITOR": editor, "VISUAL": editor])
        #expect(edited.status == 0 && edited.stdout.contains("topics"), "\(edited.stderr)")
        let broken = directory.path("broken.sh")
        try "#!/bin/sh\necho 'colour: red' >> \"$1\"\n".write(toFile: broken, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: broken)
        let refused = try CommandRunner.run(
            "renkei", ["--home", osaka.home, "hearing", "edit", hearing],
            environment: ["EDITOR": broken, "VISUAL": broken])
        #expect(
            refused.status == 65 && refused.stderr.contains("unknown field \"colour\"")
                && refused.stderr.contains("is kept in"))
        // The text of the failed edit stays in the replica's home, for this user only.
        let draft = "\(osaka.home)/drafts/hearing-\(hearing).txt"
        #expect(refused.stderr.contains(draft), "\(refused.stderr)")
        let kept = try String(contentsOfFile: draft, encoding: .utf8)
        #expect(kept.contains("colour: red") && kept.contains("標準化、フロントヤード"))
        let mode = try FileManager.default.attributesOfItem(atPath: draft)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    /// `hearing edit` with an editor that reads the terminal (as vi does): it runs in the
    /// terminal's foreground, so it reads what is typed instead of being stopped (SIGTTIN), which
    /// would hang the command.
    @Test func theEditorRunsInTheTerminalsForeground() throws {
        let directory = try TemporaryDirectory()
        let home = directory.path("advisor")
        #expect(
            try CommandRunner.run("renkei", ["--home", home, "init", "--scope", "shared", "--user", "advisor"]).status
                == 0)
        let created = try CommandRunner.run(
            "renkei",
            ["--home", home, "hearing", "new", "--municipality", "271004", "--date", "2025-06-12", "--place", "x"])
        #expect(created.status == 0, "\(created.stderr)")
        let hearing = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // The editor asks on the terminal which place to write, as a person at vi would type it.
        let editor = directory.path("tty-editor.sh")
        try """
        #!/bin/sh
        printf 'place? ' > /dev/tty
        IFS= read -r answer < /dev/tty
        sed -i "s/^place: .*/place: $answer/" "$1"

        """.write(toFile: editor, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let command =
            "EDITOR=\(editor) VISUAL=\(editor) \(try CommandRunner.executable("renkei").path) --home \(home) hearing edit \(hearing)"
        let session = try CommandRunner.run(
            "/bin/sh", ["-c", "(sleep 1; printf '会議室A\\n') | /usr/bin/script -q -e -c '\(command)' /dev/null"],
            timeout: 30)
        #expect(session.status == 0, "\(session.stdout) \(session.stderr)")
        let shown = try CommandRunner.run("renkei", ["--home", home, "hearing", "show", hearing, "--json"])
        #expect(shown.stdout.contains("会議室A"), "\(shown.stdout)")
        #expect(
            !FileManager.default.fileExists(atPath: "\(home)/drafts/hearing-\(hearing).txt"),
            "a draft only when it failed")
    }
}
