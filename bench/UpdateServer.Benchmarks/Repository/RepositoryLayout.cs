namespace UpdateServer.Benchmarks.Repository;

/// <summary>How the vendor role holds its targets.</summary>
public enum RepositoryLayout
{
    /// <summary><c>acme</c> lists every target itself.</summary>
    Flat,

    /// <summary><c>acme</c> delegates to 256 bins <c>acme-00</c>..<c>acme-ff</c> by the first byte of the path's SHA-256.</summary>
    HashedBins,
}
