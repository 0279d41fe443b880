namespace UpdateServer.Server.Data;

/// <summary>
/// The repository's change counter: a single row (<see cref="SingletonId"/>) whose <see cref="Generation"/> every
/// transaction that changes what the repository serves increments first. The increment is also the repository's write
/// lock — the row stays locked (PostgreSQL) or the database write-locked (SQLite) until that transaction ends — and the
/// value tells every server instance cheaply whether its cached picture of the repository is still current.
/// </summary>
public sealed class RepositoryGenerationRecord
{
    public const int SingletonId = 1;

    public int Id { get; set; }

    public long Generation { get; set; }
}
