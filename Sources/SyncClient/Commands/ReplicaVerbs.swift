import CommandLineSupport

/// A group of verbs that work on the replica (`survey`, `docs`, …): made from the replica's home
/// (`--home`), then the verb reads the rest of its arguments.
protocol ReplicaVerbs: SendableMetatype {
    init(home: ReplicaHome) throws
}

extension ReplicaVerbs {
    /// The body of one of the group's verbs.
    static func verb(_ body: @escaping @Sendable (Self, inout ArgumentList) throws -> Void)
        -> @Sendable (ArgumentList) throws -> Void
    {
        { arguments in
            var arguments = arguments
            let verbs = try Self(home: try ReplicaHome(&arguments))
            try body(verbs, &arguments)
        }
    }
}
