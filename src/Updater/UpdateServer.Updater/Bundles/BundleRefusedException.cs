namespace UpdateServer.Updater.Bundles;

/// <summary>
/// An offline bundle was refused as a whole before anything was installed: it names a release the trusted metadata does not
/// list, a target in it does not match its signed length and hashes, or it only holds releases older than installed.
/// </summary>
public sealed class BundleRefusedException : Exception
{
    public BundleRefusedException(string message) : base(message) { }

    public BundleRefusedException(string message, Exception inner) : base(message, inner) { }
}
