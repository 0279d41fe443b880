namespace UpdateServer.Upkg.Tests.Support;

/// <summary>Writes package source folders (<c>upkg.json</c> + <c>payload/</c>) for pack and publish tests.</summary>
public static class PackageSourceFolder
{
    /// <summary>Creates <paramref name="folder"/> with a payload of two files and the given manifest template.</summary>
    public static string Create(string folder, string template, string payloadText = "hello")
    {
        Directory.CreateDirectory(Path.Combine(folder, "payload", "bin"));
        File.WriteAllText(Path.Combine(folder, "payload", "bin", "app"), "#!/bin/sh\necho " + payloadText + "\n");
        File.WriteAllText(Path.Combine(folder, "payload", "README.md"), "# " + payloadText + "\n");
        File.WriteAllText(Path.Combine(folder, "upkg.json"), template);
        return folder;
    }

    /// <summary>A template for <paramref name="product"/> <paramref name="version"/>, optionally with an applicability object.</summary>
    public static string Template(string product, string version, string kind = "platform", string? applicability = null) =>
        $$"""{"product": "{{product}}", "version": "{{version}}", "kind": "{{kind}}"{{(applicability is null ? "" : ", \"applicability\": " + applicability)}}}""";

    /// <summary>Builds the package of a fresh source folder with <c>upkg pack</c> and returns its path.</summary>
    public static async Task<string> PackAsync(TempFolder temp, string name, string template, string payloadText = "hello")
    {
        ArgumentNullException.ThrowIfNull(temp);
        var source = Create(temp[name + "-src"], template, payloadText);
        var package = temp[name + ".upkg"];
        var result = await UpkgHarness.RunAsync("pack", source, "--out", package);
        Assert.Equal(0, result.ExitCode);
        return package;
    }
}
