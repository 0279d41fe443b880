namespace UpdateServer.Updater.Installing;

/// <summary>
/// A package that failed its hooks on this machine and was rolled back: it is not tried again (a fixed package, even
/// for the same version, is) until someone releases the hold (<c>updater unhold</c>).
/// </summary>
public sealed record HeldPackage(string Product, string Version, string TargetPath, string Reason, DateTimeOffset HeldAt);
