import Dispatch
import Foundation
import Synchronization
import Testing

@testable import SyncServer

@Suite struct PushGateTests {
    /// Waiters go in in arrival order, and a user's push beyond `perUser` is refused at once.
    @Test func waitersGoInInArrivalOrderAndAUserHasAtMostTwoIn() throws {
        let gate = PushGate(width: 1, perUser: 2)
        let release = DispatchSemaphore(value: 0)
        let order = Mutex<[String]>([])
        let done = DispatchGroup()
        func push(_ user: String, _ name: String, hold: Bool = false) {
            done.enter()
            Thread {
                _ = try? gate.pass(user: user) { () throws(ServiceError) -> Int in
                    order.withLock { $0.append(name) }
                    if hold { release.wait() }
                    return 0
                }
                done.leave()
            }.start()
        }
        push("sato", "sato-1", hold: true)
        while order.withLock({ $0.isEmpty }) { usleep(1_000) }
        push("tanaka", "tanaka-1")
        while gate.waiting < 1 { usleep(1_000) }
        push("sato", "sato-2")
        while gate.waiting < 2 { usleep(1_000) }
        // sato has two in (one inside, one waiting): a third is refused without waiting.
        #expect(throws: ServiceError.self) {
            try gate.pass(user: "sato") { () throws(ServiceError) -> Int in 0 }
        }
        release.signal()
        done.wait()
        #expect(order.withLock { $0 } == ["sato-1", "tanaka-1", "sato-2"])
        // Everyone left: sato may push again.
        #expect(try gate.pass(user: "sato") { () throws(ServiceError) -> Int in 7 } == 7)
    }
}
