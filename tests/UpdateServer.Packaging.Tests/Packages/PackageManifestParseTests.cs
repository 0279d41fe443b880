using System.Text;
using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

public sealed class PackageManifestParseTests
{
    private const string Remove = "<remove>";

    private static readonly string HashA = new('a', 64);
    private static readonly string HashB = new('b', 64);

    private static string ValidManifest => $$"""
        {
          "formatVersion": 1,
          "product": "acme.culture-platform",
          "version": "2.0.0",
          "kind": "platform",
          "description": "optional text",
          "hooks": { "preInstall": "hooks/pre-install.sh", "install": null, "postInstall": null, "healthCheck": null, "rollback": null },
          "applicability": { "any": "free-form JSON object" },
          "files": [
            { "path": "hooks/pre-install.sh", "type": "file", "size": 12, "sha256": "{{HashA}}", "executable": true },
            { "path": "payload/bin/app", "type": "file", "size": 123, "sha256": "{{HashB}}", "executable": false },
            { "path": "payload/lib/current", "type": "symlink", "target": "v1" },
            { "path": "payload/lib/v1/lib.so", "type": "file", "size": 0, "sha256": "{{HashA}}", "executable": false }
          ]
        }
        """;

    public static TheoryData<string, string, PackageProblem, string> Refusals => new()
    {
        { "product", "\"Acme.Platform\"", PackageProblem.MalformedManifest, "\"product\" \"Acme.Platform\" is not a lowercase vendor.name id" },
        { "product", "\"acme\"", PackageProblem.MalformedManifest, "\"product\" \"acme\"" },
        { "product", "\"-acme.platform\"", PackageProblem.MalformedManifest, "\"product\" \"-acme.platform\"" },
        { "product", "\"acme..platform\"", PackageProblem.MalformedManifest, "\"product\" \"acme..platform\"" },
        { "product", "\"acme_corp.platform\"", PackageProblem.MalformedManifest, "\"product\" \"acme_corp.platform\"" },
        { "product", $"\"acme.{new string('p', 124)}\"", PackageProblem.MalformedManifest, "is longer than 128 characters" },
        { "product", Remove, PackageProblem.MalformedManifest, "\"product\" is missing" },
        { "product", "7", PackageProblem.MalformedManifest, "\"product\" is not a string" },
        { "version", "\"2.0\"", PackageProblem.MalformedManifest, "\"version\" \"2.0\" is not a SemVer 2.0 version" },
        { "version", "\"v1.0.0\"", PackageProblem.MalformedManifest, "\"version\" \"v1.0.0\" is not a SemVer 2.0 version" },
        { "version", "\"01.0.0\"", PackageProblem.MalformedManifest, "\"version\" \"01.0.0\" is not a SemVer 2.0 version" },
        { "version", "\"1.0.0.0\"", PackageProblem.MalformedManifest, "\"version\" \"1.0.0.0\"" },
        { "kind", "\"firmware\"", PackageProblem.MalformedManifest, "\"kind\" \"firmware\" is not one of platform, driver, upgrade, component" },
        { "kind", "\"Platform\"", PackageProblem.MalformedManifest, "\"kind\" \"Platform\"" },
        { "fromatVersion", "1", PackageProblem.MalformedManifest, "unknown property \"fromatVersion\"" },
        { "formatVersion", "2", PackageProblem.MalformedManifest, "\"formatVersion\" 2 is not supported" },
        { "formatVersion", Remove, PackageProblem.MalformedManifest, "\"formatVersion\" is missing" },
        { "files", Remove, PackageProblem.MalformedManifest, "\"files\" is missing" },
        { "files", "{}", PackageProblem.MalformedManifest, "\"files\" is not an array" },
        { "files[2].path", "\"payload/bin/app\"", PackageProblem.MalformedManifest, "\"files[2].path\" \"payload/bin/app\" is listed twice" },
        { "files[1].path", "\"payload/zzz\"", PackageProblem.MalformedManifest, "\"files[2].path\" \"payload/lib/current\" is out of order" },
        { "files[3].path", "\"payload/lib/current/lib.so\"", PackageProblem.MalformedManifest, "lies below \"payload/lib/current\"" },
        { "files[1].sha256", $"\"{HashB.ToUpperInvariant()}\"", PackageProblem.MalformedManifest, "\"files[1].sha256\"" },
        { "files[1].sha256", "\"abc\"", PackageProblem.MalformedManifest, "\"files[1].sha256\" \"abc\" is not 64 lowercase hex digits" },
        { "files[1].sha256", Remove, PackageProblem.MalformedManifest, "\"files[1].sha256\" is missing" },
        { "files[1].size", "-1", PackageProblem.MalformedManifest, "\"files[1].size\" -1 is negative" },
        { "files[1].size", "\"123\"", PackageProblem.MalformedManifest, "\"files[1].size\" is not an integer" },
        { "files[1].executable", Remove, PackageProblem.MalformedManifest, "\"files[1].executable\"" },
        { "files[1].type", "\"hardlink\"", PackageProblem.MalformedManifest, "\"files[1].type\" \"hardlink\"" },
        { "files[1].mode", "420", PackageProblem.MalformedManifest, "unknown property \"files[1].mode\"" },
        { "files[2].size", "0", PackageProblem.MalformedManifest, "unknown property \"files[2].size\"" },
        { "hooks.install", "\"hooks/missing.sh\"", PackageProblem.MalformedManifest, "\"hooks.install\" \"hooks/missing.sh\" is not a file listed" },
        { "hooks.install", "\"payload/bin/app\"", PackageProblem.MalformedManifest, "\"hooks.install\" \"payload/bin/app\"" },
        { "hooks.install", "\"payload/lib/current\"", PackageProblem.MalformedManifest, "\"hooks.install\"" },
        { "hooks.preinstall", "\"hooks/pre-install.sh\"", PackageProblem.MalformedManifest, "unknown property \"hooks.preinstall\"" },
        { "applicability", "[1]", PackageProblem.MalformedManifest, "\"applicability\" is not an object" },
        { "files[1].path", "\"payload/../bin/app\"", PackageProblem.UnsafePath, "\"files[1].path\" \"payload/../bin/app\" has a \"..\" segment" },
        { "files[1].path", "\"/payload/bin/app\"", PackageProblem.UnsafePath, "\"files[1].path\" \"/payload/bin/app\" is absolute" },
        { "files[1].path", "\"payload\\\\bin\\\\app\"", PackageProblem.UnsafePath, "\"files[1].path\" \"payload\\bin\\app\" contains a backslash" },
        { "files[1].path", "\"payload/bin/a\\u0000pp\"", PackageProblem.UnsafePath, "\"files[1].path\"" },
        { "files[1].path", "\"payload//app\"", PackageProblem.UnsafePath, "has an empty segment" },
        { "files[1].path", "\"payload/./app\"", PackageProblem.UnsafePath, "has a \".\" segment" },
        { "files[1].path", "\"payload/bin/\"", PackageProblem.UnsafePath, "has an empty segment" },
        { "files[1].path", "\"lib/app\"", PackageProblem.UnsafePath, "is not under payload/ or hooks/" },
        { "files[1].path", "\"payload\"", PackageProblem.UnsafePath, "is not under payload/ or hooks/" },
        { "files[1].path", $"\"payload/{new string('x', 1020)}\"", PackageProblem.UnsafePath, "is longer than 1024 UTF-8 bytes" },
        { "files[2].target", "\"../../../etc\"", PackageProblem.UnsafeLink, "\"files[2].target\" \"../../../etc\" of \"payload/lib/current\" escapes the package" },
        { "files[2].target", "\"/etc/passwd\"", PackageProblem.UnsafeLink, "\"files[2].target\" \"/etc/passwd\" of \"payload/lib/current\" is absolute" },
        { "files[2].target", "\"../../hooks/pre-install.sh\"", PackageProblem.UnsafeLink, "resolves outside payload/" },
        { "files[2].target", "\"v1\\\\x\"", PackageProblem.UnsafeLink, "contains a backslash" },
        { "files[2].target", "\"\"", PackageProblem.UnsafeLink, "is empty" },
        { "files[2].target", "\"current\"", PackageProblem.UnsafeLink, "loops" },
    };

    public static TheoryData<string, string> Acceptances => new()
    {
        { "hooks", Remove },
        { "hooks", "null" },
        { "description", Remove },
        { "applicability", Remove },
        { "applicability", "{ \"nested\": { \"list\": [1, \"two\", true, null] } }" },
        { "version", "\"2.1.0-beta.1+build.5\"" },
        { "kind", "\"driver\"" },
        { "kind", "\"upgrade\"" },
        { "kind", "\"component\"" },
        { "product", "\"acme-corp.culture-platform.extra\"" },
        { "files[2].target", "\"./v1\"" },
        { "files[2].target", "\"../bin/app\"" },
        { "files[2].target", "\"..\"" },
        { "files[2].target", "\"v1/../../lib/v1/does-not-exist\"" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void RefusesManifestNamingTheField(string property, string json, PackageProblem problem, string messagePart)
    {
        var manifest = WithChange(property, json);

        var error = Assert.ThrowsAny<PackageException>(() => PackageManifest.Parse(manifest));

        Assert.Equal(problem, error.Problem);
        Assert.IsType(problem is PackageProblem.UnsafePath or PackageProblem.UnsafeLink ? typeof(UnsafePackageEntryException) : typeof(PackageFormatException), error);
        Assert.StartsWith("manifest.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Acceptances))]
    public void AcceptsValidVariation(string property, string json)
    {
        var manifest = PackageManifest.Parse(WithChange(property, json));

        Assert.Equal(manifest.ToUtf8Bytes(), PackageManifest.Parse(manifest.ToUtf8Bytes()).ToUtf8Bytes());
    }

    [Fact]
    public void ParsesTheDocumentedExample()
    {
        var manifest = PackageManifest.Parse(Encoding.UTF8.GetBytes(ValidManifest));

        Assert.Equal("acme.culture-platform", manifest.Product);
        Assert.Equal(NuGetVersion.Parse("2.0.0"), manifest.Version);
        Assert.Equal("hooks/pre-install.sh", manifest.Hooks.PreInstall);
        Assert.Null(manifest.Hooks.Install);
        Assert.Equal(4, manifest.Files.Count);
        Assert.Equal(PackageFileEntry.ForSymlink("payload/lib/current", "v1"), manifest.Files[2]);
    }

    [Theory]
    [InlineData("""{ "formatVersion": 1, "formatVersion": 1 }""", "Duplicate key")]
    [InlineData("""{ "formatVersion": 1, } """, "Malformed JSON")]
    [InlineData("""[1]""", "Expected a JSON object")]
    [InlineData("""{ "formatVersion": 1.0 }""", "Only integers")]
    [InlineData("", "empty")]
    public void RefusesJsonThatIsNotStrict(string json, string messagePart)
    {
        var error = Assert.Throws<PackageFormatException>(() => PackageManifest.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.Equal(PackageProblem.MalformedManifest, error.Problem);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefusesLinkThatEscapesThroughAnotherLink()
    {
        // Read as plain text, "b/b/../../x" from payload/ is payload/x; but payload/b is ".", so the kernel
        // resolves it to two levels above payload/, outside the extraction folder.
        var manifest = """
            {
              "formatVersion": 1, "product": "acme.test", "version": "1.0.0", "kind": "component",
              "files": [
                { "path": "payload/a", "type": "symlink", "target": "b/b/../../x" },
                { "path": "payload/b", "type": "symlink", "target": "." }
              ]
            }
            """;

        var error = Assert.Throws<UnsafePackageEntryException>(() => PackageManifest.Parse(Encoding.UTF8.GetBytes(manifest)));

        Assert.Equal(PackageProblem.UnsafeLink, error.Problem);
        Assert.Equal("payload/a", error.EntryPath);
    }

    [Theory]
    [InlineData("b/../x")]
    [InlineData("b/../../payload/x")]
    public void RefusesLinkThatLeavesPayloadThroughAnotherLink(string target)
    {
        var error = Assert.Throws<UnsafePackageEntryException>(
            () => PackageSamples.Manifest(PackageFileEntry.ForSymlink("payload/a", target), PackageFileEntry.ForSymlink("payload/b", ".")));

        Assert.Equal(PackageProblem.UnsafeLink, error.Problem);
    }

    [Fact]
    public void RefusesMoreEntriesThanTheLimit()
    {
        var files = Enumerable.Range(0, PackageManifest.MaxEntries).Select(i => PackageFileEntry.ForSymlink($"payload/{i:D6}", "."));

        var error = Assert.Throws<PackageFormatException>(() => PackageSamples.Manifest([.. files]));

        Assert.Equal(PackageProblem.TooManyEntries, error.Problem);
    }

    private static byte[] WithChange(string property, string json)
    {
        var root = JsonNode.Parse(ValidManifest)!.AsObject();
        var parts = property.Split('.');
        JsonObject target = root;
        foreach (var part in parts[..^1])
        {
            target = part.EndsWith(']')
                ? root[part[..part.IndexOf('[', StringComparison.Ordinal)]]![int.Parse(part[(part.IndexOf('[', StringComparison.Ordinal) + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!.AsObject()
                : target[part]!.AsObject();
        }

        if (json == Remove)
        {
            target.Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = JsonNode.Parse(json);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }
}
