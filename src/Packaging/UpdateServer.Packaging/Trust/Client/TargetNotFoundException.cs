namespace UpdateServer.Packaging.Trust.Client;

/// <summary>No trusted role that may speak for the path lists it (5.7.2).</summary>
public sealed class TargetNotFoundException : TufException
{
    public TargetNotFoundException(string targetPath) : base($"No trusted metadata lists the target \"{targetPath}\".") =>
        TargetPath = targetPath;

    public string TargetPath { get; }
}
