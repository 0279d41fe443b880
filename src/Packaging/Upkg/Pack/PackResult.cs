namespace UpdateServer.Upkg.Pack;

/// <summary>The outcome of <c>upkg pack</c>; also its <c>--json</c> output.</summary>
public sealed record PackResult(string Package, string Product, string Version, string Kind, int Files, long Size, string Sha256);
