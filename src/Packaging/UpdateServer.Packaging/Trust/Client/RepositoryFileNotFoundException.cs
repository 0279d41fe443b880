namespace UpdateServer.Packaging.Trust.Client;

/// <summary>The repository does not hold the requested file (HTTP 403/404); for root, this ends the rotation loop (5.3.3).</summary>
public sealed class RepositoryFileNotFoundException : TufException
{
    public RepositoryFileNotFoundException(string fileName) : base($"The repository has no {fileName}.") => FileName = fileName;

    public string FileName { get; }
}
