import Models
import Testing

@Suite struct VersionVectorTests {
    let a = ReplicaID(high: 0, low: 1)
    let b = ReplicaID(high: 0, low: 2)
    let c = ReplicaID(high: 1, low: 0)

    func vector(_ pairs: [(ReplicaID, UInt64)]) -> VersionVector { try! VersionVector(validating: pairs) }

    @Test func comparesInTheCausalOrder() {
        let empty = VersionVector()
        let a1 = vector([(a, 1)])
        let a2 = vector([(a, 2)])
        let a1b1 = vector([(a, 1), (b, 1)])
        let b1 = vector([(b, 1)])
        #expect(empty.compare(empty) == .equal)
        #expect(empty.compare(a1) == .before)
        #expect(a1.compare(empty) == .after)
        #expect(a1.compare(a2) == .before)
        #expect(a2.compare(a1) == .after)
        #expect(a1.compare(a1b1) == .before)
        #expect(a1b1.compare(a1) == .after)
        #expect(a2.compare(a1b1) == .concurrent)
        #expect(a1.compare(b1) == .concurrent)
        #expect(vector([(c, 3), (a, 1)]).compare(vector([(a, 1), (c, 3)])) == .equal)
    }

    @Test func joinIsThePointwiseMaximum() {
        let left = vector([(a, 3), (b, 1)])
        let right = vector([(b, 2), (c, 5)])
        let joined = left.joined(with: right)
        #expect(joined == vector([(a, 3), (b, 2), (c, 5)]))
        #expect(joined == right.joined(with: left))
        #expect(left.compare(joined) == .before && right.compare(joined) == .before)
    }

    @Test func incrementAddsOrRaisesTheWritersCounter() {
        let start = vector([(a, 1), (c, 2)])
        #expect(start.incremented(for: b) == vector([(a, 1), (b, 1), (c, 2)]))
        #expect(start.incremented(for: c) == vector([(a, 1), (c, 3)]))
        #expect(start.incremented(for: b).compare(start) == .after)
    }

    @Test func zeroCountersAreDroppedAndDuplicatesRefused() {
        #expect(vector([(a, 0), (b, 1)]) == vector([(b, 1)]))
        let duplicated: [(ReplicaID, UInt64)] = [(a, 1), (a, 2)]
        #expect(throws: ModelError.self) { try VersionVector(validating: duplicated) }
    }

    @Test func canonicalOrderIsTotalAndIgnoresInsertionOrder() {
        let vectors = [
            vector([(a, 1)]), vector([(a, 1), (b, 1)]), vector([(a, 2)]), vector([(b, 1)]), VersionVector(),
        ]
        for x in vectors {
            for y in vectors where x != y {
                #expect(x.canonicallyPrecedes(y) != y.canonicallyPrecedes(x))
            }
            #expect(!x.canonicallyPrecedes(x))
        }
    }

    @Test func registerConflictIsResolvedByAWrite() {
        var register = Register()
        let first = Version(vector: vector([(a, 1)]), value: "はい", author: a, user: "tanaka", at: 2)
        let second = Version(vector: vector([(b, 1)]), value: "いいえ", author: b, user: "suzuki", at: 1)
        #expect(register.merge(first) == .added(superseded: []))
        #expect(register.merge(second) == .added(superseded: []))
        #expect(register.isConflicted)
        // Wall-clock time does not decide: both stay, the later `at` does not win.
        #expect(register.versions.count == 2)
        let resolved = register.write("はい", by: c, user: "advisor", at: 0)
        #expect(register.versions == [resolved] && !register.isConflicted)
        var other = Register(merging: [second, first])
        #expect(
            other.merge(resolved)
                == .added(superseded: [first, second].sorted { $0.vector.canonicallyPrecedes($1.vector) }))
        #expect(other == register)
    }

    @Test func deletionIsAWriteOfNullAndConcurrentEditsStayVisible() {
        var municipality = Register()
        let answer = municipality.write("10", by: a, user: "tanaka", at: 1)
        var advisor = Register(merging: [answer])
        municipality.write("12", by: a, user: "tanaka", at: 2)
        advisor.write(.null, by: b, user: "advisor", at: 3)
        #expect(advisor.isDeleted)
        let merged = municipality.merged(with: advisor)
        #expect(merged.isConflicted && !merged.isDeleted)
        #expect(merged.versions.map(\.value).contains(.string("12")))
    }
}

@Suite struct ByteIdentityTests {
    let writer = ReplicaID(high: 3, low: 3)

    @Test(arguments: [
        (JSONValue.string("\u{e9}"), JSONValue.string("e\u{301}")),
        (JSONValue.double(0.0), JSONValue.double(-0.0)),
        (JSONValue.object(["k": "\u{e9}"]), JSONValue.object(["k": "e\u{301}"])),
    ])
    func twinsThatSwiftCallsEqualStillConvergeByBytes(_ first: JSONValue, _ second: JSONValue) {
        // Swift's == treats these as equal; their bytes differ, so replicas must still agree on one.
        #expect(first == second)
        #expect(!first.isIdentical(to: second))
        let vector = VersionVector().incremented(for: writer)
        let a = Version(vector: vector, value: first, author: writer, user: "u", at: 0)
        let b = Version(vector: vector, value: second, author: writer, user: "u", at: 0)
        let left = Register(merging: [a, b])
        let right = Register(merging: [b, a])
        #expect(left.canonicalBytes == right.canonicalBytes)
    }
}
