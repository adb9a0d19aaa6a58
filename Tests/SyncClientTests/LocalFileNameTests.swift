import Testing

@testable import SyncClient

@Suite struct LocalFileNameTests {
    @Test func namesFromOtherReplicasCannotLeaveTheDirectoryOrTripWindows() {
        #expect(LocalFileName.safe("../../etc/passwd") == ".._.._etc_passwd")
        #expect(LocalFileName.safe("..") == "_")
        #expect(LocalFileName.safe(".") == "_")
        #expect(LocalFileName.safe("a\\b") == "a_b")
        #expect(LocalFileName.safe("CON") == "_CON")
        #expect(LocalFileName.safe("con.txt") == "_con.txt")
        #expect(LocalFileName.safe("LPT1.docx") == "_LPT1.docx")
        #expect(LocalFileName.safe("COM10.txt") == "COM10.txt")
        #expect(LocalFileName.safe("report. ") == "report")
        #expect(LocalFileName.safe("a:b*c?d\"e<f>g|h") == "a_b_c_d_e_f_g_h")
        #expect(LocalFileName.safe("line\nbreak") == "line_break")
    }

    @Test func japaneseAndFullWidthCharactersAreKept() {
        #expect(LocalFileName.safe("令和7年度／報告：案.xlsx") == "令和7年度／報告：案.xlsx")
        #expect(LocalFileName.safe(String(repeating: "あ", count: 100)).utf8.count <= 255)
    }

    @Test func mediaTypesFollowTheExtension() {
        #expect(MediaType.of(name: "調査.XLSX") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(MediaType.of(name: "a.pdf") == "application/pdf")
        #expect(MediaType.of(name: ".profile") == "application/octet-stream")
        #expect(MediaType.of(name: "noextension") == "application/octet-stream")
    }

    @Test func transferFiguresReadNaturally() {
        #expect(TransferProgressPrinter.bytes(12) == "12 B")
        #expect(TransferProgressPrinter.bytes(45_200_000) == "45.2 MB")
        #expect(TransferProgressPrinter.bytes(1_070_000_000) == "1.07 GB")
        #expect(TransferProgressPrinter.duration(3) == "0:03")
        #expect(TransferProgressPrinter.duration(3_723) == "1:02:03")
    }
}
