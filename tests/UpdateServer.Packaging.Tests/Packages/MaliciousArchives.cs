using System.Formats.Tar;
using System.Text;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

/// <summary>
/// Hostile or broken packages, each built by hand with TarWriter and GZipStream, with the refusal it must meet.
/// Most put valid entries (a file, a link) before the bad one, so a refusal also proves those are undone.
/// </summary>
internal static class MaliciousArchives
{
    private static readonly byte[] OkContent = Encoding.UTF8.GetBytes("fine\n");
    private static readonly byte[] SmallContent = Encoding.UTF8.GetBytes("abc");
    private static readonly PackageFileEntry Ok = PackageSamples.FileEntry("payload/a/ok", OkContent);
    private static readonly PackageFileEntry Small = PackageSamples.FileEntry("payload/small", SmallContent);
    private static readonly PackageFileEntry Link = PackageFileEntry.ForSymlink("payload/link", "a/ok");

    private static readonly Dictionary<string, (Func<string, byte[]> Build, PackageProblem Problem)> Cases = new()
    {
        ["TraversalEntry"] = (_ => Valid(Ok).File("payload/../../evil", OkContent).ToGzip(), PackageProblem.UnsafePath),
        ["AbsoluteEntry"] = (root => Valid(Ok).File(Path.Join(root, "evil-absolute"), OkContent).ToGzip(), PackageProblem.UnsafePath),
        ["EntryOutsidePayloadAndHooks"] = (_ => Valid(Ok).File("etc/evil", OkContent).ToGzip(), PackageProblem.UnsafePath),
        ["LinkToAbsoluteTarget"] = (_ => Valid(Ok).Symlink("payload/x", "/etc/passwd").ToGzip(), PackageProblem.UnsafeLink),
        ["LinkClimbingOut"] = (_ => Valid(Ok).Symlink("payload/x", "../../outside").ToGzip(), PackageProblem.UnsafeLink),
        ["ListedLinkClimbingOut"] = (_ => new HandMadeArchive().Manifest(ManifestListingLink("../../outside")).Symlink("payload/x", "../../outside").ToGzip(), PackageProblem.UnsafeLink),
        ["HardLink"] = (_ => Valid(Ok).Entry(TarEntryType.HardLink, "payload/h", linkName: Ok.Path).ToGzip(), PackageProblem.UnsupportedEntryType),
        ["CharacterDevice"] = (_ => Valid(Ok).Entry(TarEntryType.CharacterDevice, "payload/tty").ToGzip(), PackageProblem.UnsupportedEntryType),
        ["BlockDevice"] = (_ => Valid(Ok).Entry(TarEntryType.BlockDevice, "payload/sda").ToGzip(), PackageProblem.UnsupportedEntryType),
        ["Fifo"] = (_ => Valid(Ok).Entry(TarEntryType.Fifo, "payload/pipe").ToGzip(), PackageProblem.UnsupportedEntryType),
        ["DirectoryEntry"] = (_ => Valid(Ok).Entry(TarEntryType.Directory, "payload/folder").ToGzip(), PackageProblem.UnsupportedEntryType),
        ["GlobalExtendedHeader"] = (_ => Valid(Ok).Add(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["path"] = "x" })).ToGzip(), PackageProblem.UnsupportedEntryType),
        ["EntryLargerThanDeclared"] = (_ => Valid(Ok, Small).File(Small.Path, new byte[100_000]).ToGzip(), PackageProblem.EntryTooLarge),
        ["EntryShorterThanDeclared"] = (_ => Valid(Ok, Small).File(Small.Path, SmallContent[..2]).ToGzip(), PackageProblem.SizeMismatch),
        ["ContentDiffersFromHash"] = (_ => Valid(Ok, Small, Link).Symlink(Link.Path, Link.LinkTarget!).File(Small.Path, "xyz"u8.ToArray()).ToGzip(), PackageProblem.HashMismatch),
        ["UnlistedEntry"] = (_ => Valid(Ok).File("payload/extra", OkContent).ToGzip(), PackageProblem.UnlistedEntry),
        ["ListedEntryMissing"] = (_ => Valid(Ok, Small, Link).ToGzip(), PackageProblem.MissingEntry),
        ["DuplicateEntry"] = (_ => Valid(Ok).File(Ok, OkContent).ToGzip(), PackageProblem.DuplicateEntry),
        ["SecondManifest"] = (_ => Valid(Ok).Manifest(PackageSamples.Manifest(Ok)).ToGzip(), PackageProblem.DuplicateEntry),
        ["FileWhereLinkIsListed"] = (_ => new HandMadeArchive().Manifest(PackageSamples.Manifest(Ok, Link)).File(Ok, OkContent).File(Link.Path, OkContent).ToGzip(), PackageProblem.TypeMismatch),
        ["LinkWithOtherTarget"] = (_ => new HandMadeArchive().Manifest(PackageSamples.Manifest(Ok, Link)).File(Ok, OkContent).Symlink(Link.Path, "a").ToGzip(), PackageProblem.LinkTargetMismatch),
        ["ManifestNotFirst"] = (_ => new HandMadeArchive().File(Ok, OkContent).Manifest(PackageSamples.Manifest(Ok)).ToGzip(), PackageProblem.MissingManifest),
        ["ManifestIsALink"] = (_ => new HandMadeArchive().Symlink(PackageManifest.FileName, "payload/a/ok").ToGzip(), PackageProblem.MissingManifest),
        ["EmptyArchive"] = (_ => HandMadeArchive.Gzip(new byte[1024]), PackageProblem.MissingManifest),
        ["ZeroBytes"] = (_ => [], PackageProblem.NotAnArchive),
        ["ManifestTooLarge"] = (_ => new HandMadeArchive().File(PackageManifest.FileName, new byte[PackageManifest.MaxManifestBytes + 1]).ToGzip(), PackageProblem.ManifestTooLarge),
        ["ManifestNotJson"] = (_ => new HandMadeArchive().Manifest("{ \"formatVersion\": ").ToGzip(), PackageProblem.MalformedManifest),
        ["NotGzip"] = (_ => Valid(Ok).File(Ok, OkContent).ToTar(), PackageProblem.NotAnArchive),
        ["NotAnythingKnown"] = (_ => Encoding.UTF8.GetBytes("this is not a package at all"), PackageProblem.NotAnArchive),
        ["GzipButNotTar"] = (_ => HandMadeArchive.Gzip(Encoding.UTF8.GetBytes(new string('z', 5000))), PackageProblem.NotAnArchive),
        ["Truncated"] = (_ => Truncated(), PackageProblem.NotAnArchive),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    /// <summary>The archive bytes of case <paramref name="name"/>; <paramref name="root"/> is a folder outside the extraction destination.</summary>
    public static byte[] Build(string name, string root) => Cases[name].Build(root);

    public static PackageProblem ExpectedProblem(string name) => Cases[name].Problem;

    public static Type ExpectedException(string name) => Cases[name].Problem switch
    {
        PackageProblem.NotAnArchive or PackageProblem.MissingManifest or PackageProblem.ManifestTooLarge
            or PackageProblem.MalformedManifest or PackageProblem.TooManyEntries => typeof(PackageFormatException),
        PackageProblem.UnsafePath or PackageProblem.UnsafeLink or PackageProblem.UnsupportedEntryType or PackageProblem.UnlistedEntry
            or PackageProblem.DuplicateEntry or PackageProblem.EntryTooLarge => typeof(UnsafePackageEntryException),
        _ => typeof(PackageContentMismatchException),
    };

    /// <summary>A manifest listing <paramref name="listed"/>, then the data of the first listed file.</summary>
    private static HandMadeArchive Valid(params PackageFileEntry[] listed) =>
        new HandMadeArchive().Manifest(PackageSamples.Manifest(listed)).File(Ok, OkContent);

    private static string ManifestListingLink(string target) => $$"""
        { "formatVersion": 1, "product": "acme.test", "version": "1.0.0", "kind": "component",
          "files": [ { "path": "payload/x", "type": "symlink", "target": "{{target}}" } ] }
        """;

    private static byte[] Truncated()
    {
        var big = new byte[300_000];
        for (var i = 0; i < big.Length; i++)
        {
            big[i] = (byte)(i * 7919 % 251);
        }

        var complete = Valid(Ok, PackageSamples.FileEntry("payload/big", big)).File("payload/big", big).ToGzip();
        return complete[..(complete.Length * 3 / 5)];
    }
}
