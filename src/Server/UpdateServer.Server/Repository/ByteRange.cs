namespace UpdateServer.Server.Repository;

/// <summary>A satisfiable byte range of a file: <paramref name="Length"/> bytes from position <paramref name="From"/>.</summary>
public readonly record struct ByteRange(long From, long Length)
{
    public long Last => From + Length - 1;
}
