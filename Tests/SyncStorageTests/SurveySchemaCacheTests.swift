import Models
import Testing

@testable import SyncStorage

/// The server's schemas kept across pushes: reused only for the very bytes they came from.
@Suite struct SurveySchemaCacheTests {
    let schema = AnswerSchema(
        try! Questionnaire(
            json: try! JSONValue(
                parsing: Array(
                    #"{"survey_id":"s","title":"t","sections":[{"id":"A","title":"A","items":[{"id":"A01","label":"l","type":"integer"}]}]}"#
                        .utf8))))

    func stored(_ sequence: Int64, _ text: String) -> [StoredChange] {
        [StoredChange(sequence: sequence, bytes: Array(text.utf8))]
    }

    @Test func schemasAreWorkedOutAgainOnlyWhenTheStoredBytesChange() {
        let cache = SurveySchemaCache()
        var workedOut = 0
        func work() -> [AnswerSchema] {
            workedOut += 1
            return [schema]
        }
        _ = cache.schemas(of: "s", stored: stored(1, "one"), workOut: work)
        _ = cache.schemas(of: "s", stored: stored(1, "one"), workOut: work)
        #expect(workedOut == 1)
        _ = cache.schemas(of: "s", stored: stored(1, "two"), workOut: work)
        _ = cache.schemas(of: "s", stored: stored(2, "two"), workOut: work)
        _ = cache.schemas(of: "s", stored: stored(2, "two") + stored(3, "three"), workOut: work)
        #expect(workedOut == 4, "other bytes, another sequence, a sibling: each worked out again")
        _ = cache.schemas(of: "t", stored: stored(2, "two") + stored(3, "three"), workOut: work)
        #expect(workedOut == 5, "another survey id")
    }

    @Test func idsWithoutASchemaAreNotKeptAndTheCacheStaysBounded() {
        let cache = SurveySchemaCache()
        var workedOut = 0
        for round in 0..<2 {
            for id in 0..<1_000 {
                _ = cache.schemas(of: "missing-\(id)", stored: []) {
                    workedOut += 1
                    return []
                }
            }
            #expect(workedOut == 1_000 * (round + 1), "nothing kept for a survey never published")
        }
        #expect(cache.count == 0)
        for id in 0..<(SurveySchemaCache.capacity * 3) {
            _ = cache.schemas(of: "s\(id)", stored: stored(1, "one")) { [schema] }
            #expect(cache.count <= SurveySchemaCache.capacity)
        }
    }

    @Test func theCacheHoldsAtMostItsBytesOfStoredSchema() {
        let cache = SurveySchemaCache()
        let third = String(repeating: "x", count: SurveySchemaCache.capacityBytes / 3)
        for id in 0..<10 {
            _ = cache.schemas(of: "s\(id)", stored: stored(1, third)) { [schema] }
            #expect(cache.bytes <= SurveySchemaCache.capacityBytes && cache.count <= 3)
        }
        _ = cache.schemas(of: "s9", stored: stored(2, third + third)) { [schema] }
        #expect(cache.bytes <= SurveySchemaCache.capacityBytes, "a survey published again replaces its bytes")
        var workedOut = 0
        let huge = String(repeating: "x", count: SurveySchemaCache.capacityBytes + 1)
        for _ in 0..<2 {
            _ = cache.schemas(of: "huge", stored: stored(1, huge)) {
                workedOut += 1
                return [schema]
            }
        }
        #expect(workedOut == 2, "a survey larger than the cache is never kept")
        #expect(cache.bytes <= SurveySchemaCache.capacityBytes)
    }
}
