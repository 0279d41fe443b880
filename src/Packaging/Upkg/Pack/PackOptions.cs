namespace UpdateServer.Upkg.Pack;

/// <summary>What <c>upkg pack</c> builds: the package of <see cref="SourceFolder"/> into <see cref="OutputFile"/>.</summary>
/// <param name="SourceFolder">Holds <c>upkg.json</c>, <c>payload/</c> and optionally <c>hooks/</c>.</param>
/// <param name="OutputFile">The <c>.upkg</c> to write; replaced if it exists.</param>
public sealed record PackOptions(string SourceFolder, string OutputFile);
