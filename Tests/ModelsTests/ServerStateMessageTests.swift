import Models
import Testing

/// `/v1/health`, `/v1/whoami` and tokens: strict wire types, one definition each.
@Suite struct ServerStateMessageTests {
    @Test func healthRoundTripsAndRefusesWhatIsNotAHealthAnswer() throws {
        let health = HealthResponse(sequence: 42, epoch: "0f3a")
        #expect(String(decoding: health.jsonBytes, as: UTF8.self) == #"{"epoch":"0f3a","sequence":42,"status":"ok"}"#)
        #expect(try HealthResponse(decoding: health.jsonBytes) == health)
        for bad in [
            #"{"epoch":"e","sequence":-1,"status":"ok"}"#, #"{"epoch":7,"sequence":1,"status":"ok"}"#,
            #"{"epoch":"e","sequence":1}"#, #"{"epoch":"e","sequence":1,"status":"ok","extra":1}"#,
            #"{"epoch":"\#(String(repeating: "e", count: 65))","sequence":1,"status":"ok"}"#, "[]",
        ] {
            #expect(throws: ModelError.self, "\(bad)") { try HealthResponse(decoding: Array(bad.utf8)) }
        }
    }

    @Test func whoamiRoundTripsAndKeepsStaffAndScopeTogether() throws {
        let staff = WhoAmIResponse(
            user: "tanaka", role: .staff, scope: try MunicipalityCode(validating: "271004"), lastPush: 3)
        #expect(
            String(decoding: staff.jsonBytes, as: UTF8.self)
                == #"{"last_push":3,"role":"staff","scope":"271004","user":"tanaka"}"#)
        #expect(try WhoAmIResponse(decoding: staff.jsonBytes) == staff)
        let advisor = WhoAmIResponse(user: "yamada", role: .advisor, scope: nil)
        #expect(try WhoAmIResponse(decoding: advisor.jsonBytes) == advisor)
        for bad in [
            #"{"role":"staff","user":"tanaka"}"#, #"{"role":"advisor","scope":"271004","user":"y"}"#,
            #"{"role":"root","user":"x"}"#, #"{"role":"admin","user":""}"#,
            #"{"role":"staff","scope":"271005","user":"tanaka"}"#,
            #"{"last_push":-1,"role":"admin","user":"a"}"#, #"{"role":"admin","user":"a","x":null}"#,
        ] {
            #expect(throws: ModelError.self, "\(bad)") { try WhoAmIResponse(decoding: Array(bad.utf8)) }
        }
    }

    @Test func tokensHaveOneFormAndNeverPrintThemselves() {
        let token = Token.random()
        #expect(token.text.hasPrefix("rk_") && token.text.utf8.count == 67)
        #expect(Token(token.text) == token)
        #expect(token.description == "rk_…" && !"\(token)".contains(token.text.dropFirst(3)))
        #expect(Token.random() != token)
        let digits = String(repeating: "a", count: 64)
        for bad in [
            "rk_" + digits.dropFirst(), "rk_" + digits + "a", "RK_" + digits, "rk_" + digits.uppercased(),
            " rk_" + digits, "rk_" + String(repeating: "g", count: 64), "",
        ] {
            #expect(Token(bad) == nil, "\(bad)")
        }
    }
}
