namespace UpdateServer.Updater.Installing;

/// <summary>A verified package's manifest disagrees with the signed facts of its target; it is not installed.</summary>
public sealed class PackageFactsMismatchException : Exception
{
    public PackageFactsMismatchException(string message) : base(message) { }
}
