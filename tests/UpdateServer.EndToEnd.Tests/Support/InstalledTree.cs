using UpdateServer.Packaging.Packages;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>Compares an installed version folder with a package's payload, file by file and byte by byte.</summary>
public static class InstalledTree
{
    public static async Task AssertMatchesPackageAsync(byte[] package, string versionDirectory)
    {
        var expected = Path.Combine(Path.GetTempPath(), "us-expected-" + Guid.NewGuid().ToString("N"));
        try
        {
            await PackageExtractor.ExtractAsync(new MemoryStream(package), expected, TestContext.Current.CancellationToken);
            AssertSameTree(Path.Combine(expected, "payload"), versionDirectory);
        }
        finally
        {
            if (Directory.Exists(expected))
            {
                Directory.Delete(expected, recursive: true);
            }
        }
    }

    public static void AssertSameTree(string expectedRoot, string actualRoot)
    {
        var expected = Files(expectedRoot);
        var actual = Files(actualRoot);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (relative, path) in expected)
        {
            Assert.True(File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(actual[relative])), $"{relative} differs");
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetRelativePath(root, p).Replace('\\', '/'), p => p, StringComparer.Ordinal);
}
