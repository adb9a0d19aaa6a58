import Glibc

/// The calling thread's signal mask.
public enum SignalMask {
    /// Unblocks `signals` on the calling thread (the main thread, for a program's own handlers):
    /// a program that started this one may have left them blocked, and the mask is inherited
    /// (a test runner does), so that they would never be delivered.
    public static func unblock(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signalNumber in signals { sigaddset(&set, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
