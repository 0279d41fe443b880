namespace UpdateServer.Packaging.Trust.Client;

/// <summary>
/// No mirror supplied a file that passed verification. Each mirror's own refusal is kept; together they mean
/// mirrors are preventing updates (or the repository itself is broken).
/// </summary>
public sealed class MirrorsFailedException : TufException
{
    public MirrorsFailedException(string fileName, IReadOnlyList<(string Mirror, TufException Error)> failures)
        : base($"{fileName}: every mirror failed: " + string.Join("; ", failures.Select(f => $"{f.Mirror}: {f.Error.Message}")),
            AttackKind.MaliciousMirrors) => Failures = failures;

    public IReadOnlyList<(string Mirror, TufException Error)> Failures { get; }
}
