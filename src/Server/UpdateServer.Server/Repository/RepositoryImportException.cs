namespace UpdateServer.Server.Repository;

/// <summary>Offered repository documents do not verify; nothing of them is imported.</summary>
public sealed class RepositoryImportException : Exception
{
    public RepositoryImportException(string message) : base(message) { }

    public RepositoryImportException(string message, Exception inner) : base(message, inner) { }
}
