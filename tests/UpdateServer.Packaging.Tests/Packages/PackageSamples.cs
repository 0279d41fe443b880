using System.Security.Cryptography;
using System.Text;
using NuGet.Versioning;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Packaging.Tests.Packages;

/// <summary>Sample package sources and manifests shared by the package tests.</summary>
internal static class PackageSamples
{
    public const UnixFileMode Mode644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    public const UnixFileMode Mode755 = Mode644 | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    public const UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Mode700 = Mode600 | UnixFileMode.UserExecute;

    public const string Template = """
        {
          "product": "acme.culture-platform",
          "version": "2.0.0-rc.1+build.7",
          "kind": "platform",
          "description": "Culture platform",
          "hooks": { "preInstall": "hooks/pre-install.sh", "healthCheck": "hooks/health.sh" },
          "applicability": { "models": ["x1", "x2"], "minimum": { "ram": 2048 } }
        }
        """;

    /// <summary>The sample's regular files: archive path, content, and whether it is executable.</summary>
    public static IReadOnlyList<(string Path, byte[] Content, bool Executable)> Files { get; } =
    [
        ("hooks/health.sh", Encoding.UTF8.GetBytes("#!/bin/sh\nexit 0\n"), true),
        ("hooks/pre-install.sh", Encoding.UTF8.GetBytes("#!/bin/sh\necho pre\n"), true),
        ("payload/.config", Encoding.UTF8.GetBytes("hidden=true\n"), false),
        ("payload/bin/app", RandomBytes(70_000, seed: 1), true),
        ("payload/empty", [], false),
        ("payload/lib/v1/libacme.so", RandomBytes(200_000, seed: 2), false),
        ("payload/share/doc/ünïcode notes.txt", Encoding.UTF8.GetBytes("text\n"), false),
    ];

    /// <summary>The sample's symlinks: archive path and target.</summary>
    public static IReadOnlyList<(string Path, string Target)> Links { get; } =
    [
        ("payload/bin/app-current", "app"),
        ("payload/lib/current", "v1"),
    ];

    /// <summary>Writes the sample source under <paramref name="relative"/>; <paramref name="reverse"/> creates it in the opposite order.</summary>
    public static string CreateSource(TempFolder temp, string relative = "source", bool reverse = false, UnixFileMode plainMode = Mode644, UnixFileMode executableMode = Mode755)
    {
        var steps = new List<Action>
        {
            () => temp.WriteFile($"{relative}/upkg.json", Template),
            () => Directory.CreateDirectory(temp.Join($"{relative}/payload/empty-folder")),
        };
        steps.AddRange(Files.Select(file => (Action)(() => temp.WriteFile($"{relative}/{file.Path}", file.Content, file.Executable ? executableMode : plainMode))));
        steps.AddRange(Links.Select(link => (Action)(() => temp.Symlink($"{relative}/{link.Path}", link.Target))));
        if (reverse)
        {
            steps.Reverse();
            steps.Insert(0, () => Directory.CreateDirectory(temp.Join($"{relative}/payload/lib/v1")));
            steps.Insert(0, () => Directory.CreateDirectory(temp.Join($"{relative}/payload/bin")));
        }

        foreach (var step in steps)
        {
            step();
        }

        return temp.Join(relative);
    }

    public static string Sha256Hex(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static PackageFileEntry FileEntry(string path, byte[] content, bool executable = false) =>
        PackageFileEntry.ForFile(path, content.Length, Sha256Hex(content), executable);

    public static PackageManifest Manifest(params PackageFileEntry[] files) =>
        new("acme.test", NuGetVersion.Parse("1.0.0"), PackageKind.Component, files.OrderBy(file => file.Path, StringComparer.Ordinal));

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
#pragma warning disable CA5394 // Deterministic test data, not security.
        new Random(seed).NextBytes(bytes);
#pragma warning restore CA5394
        return bytes;
    }
}
