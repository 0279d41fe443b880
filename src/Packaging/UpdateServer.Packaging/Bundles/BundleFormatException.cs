namespace UpdateServer.Packaging.Bundles;

/// <summary>The file is not an offline bundle this version can read, or breaks one of its limits (entry count, size, names).</summary>
public sealed class BundleFormatException : Exception
{
    public BundleFormatException(string message) : base(message) { }

    public BundleFormatException(string message, Exception inner) : base(message, inner) { }
}
