using System.Diagnostics;
using System.Net.Sockets;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

public sealed class PackageBuilderTests
{
    private const string MinimalTemplate = """{ "product": "acme.test", "version": "1.0.0", "kind": "component" }""";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("payload/x", "../../outside")]
    [InlineData("payload/x", "../../../etc/passwd")]
    [InlineData("payload/deep/x", "../../..")]
    [InlineData("payload/x", "/etc/passwd")]
    [InlineData("payload/x", "../hooks/run.sh")]
    [InlineData("hooks/x", "run.sh")]
    public async Task RefusesSymlinkEscapingThePayload(string link, string target)
    {
        using var temp = MinimalSource();
        temp.WriteFile("source/hooks/run.sh", "run");
        temp.Symlink($"source/{link}", target);
        var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageBuilder.WriteAsync(temp.Join("source"), output, Token));

        Assert.Equal(PackageProblem.UnsafeLink, error.Problem);
        Assert.Equal(link, error.EntryPath);
        Assert.Contains(target, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public async Task RefusesSymlinkEscapingThroughAnotherSymlink()
    {
        using var temp = MinimalSource();
        temp.Symlink("source/payload/here", ".");
        temp.Symlink("source/payload/sneaky", "here/../outside");

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Equal(PackageProblem.UnsafeLink, error.Problem);
        Assert.Equal("payload/sneaky", error.EntryPath);
    }

    [Theory]
    [InlineData("payload/bin/current", "./v2")]
    [InlineData("payload/bin/current", "../lib/../bin/v2")]
    [InlineData("payload/bin/up", "..")]
    [InlineData("payload/bin/dangling", "not-there-yet")]
    public async Task KeepsSymlinksThatStayInsideThePayload(string link, string target)
    {
        using var temp = MinimalSource();
        temp.WriteFile("source/payload/bin/v2", "v2");
        temp.Symlink($"source/{link}", target);

        var manifest = await PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token);

        Assert.True(manifest.TryGetEntry(link, out var entry));
        Assert.Equal(PackageFileEntry.ForSymlink(link, target), entry);
    }

    [Fact]
    public async Task RefusesFifo()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "No fifos on Windows");
        using var temp = MinimalSource();
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", temp.Join("source/payload/pipe")) { UseShellExecute = false }))
        {
            Assert.NotNull(mkfifo);
            await mkfifo.WaitForExitAsync(Token);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Equal(PackageProblem.UnsupportedEntryType, error.Problem);
        Assert.Equal("payload/pipe", error.EntryPath);
    }

    [Fact]
    public async Task RefusesSocket()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix sockets are files on Unix only");
        using var temp = MinimalSource();
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(temp.Join("source/payload/socket")));

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Equal(PackageProblem.UnsupportedEntryType, error.Problem);
        Assert.Equal("payload/socket", error.EntryPath);
    }

    [Theory]
    [InlineData("back\\slash")]
    [InlineData("bell\u0007")]
    public async Task RefusesFileNamesThatAreNotValidPackagePaths(string name)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Windows forbids these names anyway");
        using var temp = MinimalSource();
        temp.WriteFile($"source/payload/{name}", "x");

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Equal(PackageProblem.UnsafePath, error.Problem);
    }

    [Fact]
    public async Task RefusesPayloadFolderThatIsASymlink()
    {
        using var temp = new TempFolder();
        temp.WriteFile("source/upkg.json", MinimalTemplate);
        temp.WriteFile("elsewhere/file", "x");
        temp.Symlink("source/payload", temp.Join("elsewhere"));

        var error = await Assert.ThrowsAsync<UnsafePackageEntryException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Equal(PackageProblem.UnsupportedEntryType, error.Problem);
    }

    [Fact]
    public async Task RefusesSourceWithoutPayloadFolder()
    {
        using var temp = new TempFolder();
        temp.WriteFile("source/upkg.json", MinimalTemplate);

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Contains("payload/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesSourceWithoutTemplate()
    {
        using var temp = new TempFolder();
        temp.WriteFile("source/payload/file", "x");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Equal(temp.Join("source/upkg.json"), error.FileName);
    }

    [Theory]
    [InlineData("""{ "product": "acme.test", "version": "1.0.0", "kind": "component", "files": [] }""", "upkg.json: unknown property \"files\"")]
    [InlineData("""{ "formatVersion": 1, "product": "acme.test", "version": "1.0.0", "kind": "component" }""", "upkg.json: unknown property \"formatVersion\"")]
    [InlineData("""{ "product": "acme.test", "version": "2.0", "kind": "component" }""", "upkg.json: \"version\" \"2.0\" is not a SemVer 2.0 version")]
    [InlineData("""{ "product": "Acme", "version": "1.0.0", "kind": "component" }""", "upkg.json: \"product\" \"Acme\"")]
    [InlineData("""{ "product": "acme.test", "version": "1.0.0", "kind": "component", "hooks": { "install": "hooks/missing.sh" } }""", "upkg.json: \"hooks.install\" \"hooks/missing.sh\"")]
    [InlineData("""{ "product": "acme.test", "version": "1.0.0", "kind": "component", "hooks": { "install": "payload/file" } }""", "upkg.json: \"hooks.install\" \"payload/file\"")]
    public async Task RefusesMalformedTemplateNamingTheField(string template, string message)
    {
        using var temp = MinimalSource();
        temp.WriteFile("source/upkg.json", template);
        temp.WriteFile("source/payload/file", "x");

        var error = await Assert.ThrowsAsync<PackageFormatException>(() => PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token));

        Assert.Equal(PackageProblem.MalformedManifest, error.Problem);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackagesOnlyPayloadAndHooksIncludingDotfiles()
    {
        using var temp = MinimalSource();
        temp.WriteFile("source/payload/.env", "x");
        temp.WriteFile("source/hooks/.keep", "x");
        temp.WriteFile("source/README.md", "not packaged");
        temp.WriteFile("source/other/file", "not packaged");
        Directory.CreateDirectory(temp.Join("source/payload/empty"));

        var manifest = await PackageBuilder.WriteAsync(temp.Join("source"), new MemoryStream(), Token);

        Assert.Equal(["hooks/.keep", "payload/.env"], manifest.Files.Select(file => file.Path));
    }

    [Fact]
    public async Task ReturnsTheManifestItWroteIntoThePackage()
    {
        using var temp = new TempFolder();
        var output = new MemoryStream();

        var returned = await PackageBuilder.WriteAsync(PackageSamples.CreateSource(temp), output, Token);
        output.Position = 0;
        var stored = await PackageReader.ReadManifestAsync(output, Token);

        Assert.Equal(returned.ToUtf8Bytes(), stored.ToUtf8Bytes());
    }

    private static TempFolder MinimalSource()
    {
        var temp = new TempFolder();
        temp.WriteFile("source/upkg.json", MinimalTemplate);
        Directory.CreateDirectory(temp.Join("source/payload"));
        return temp;
    }
}
