using System.Text.Json.Nodes;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// Source folders of a product made for crash tests: many payload files (each one a point where extraction can be
/// killed), every hook, and versions that change, add and remove files, so a mix of two versions is always visible.
/// </summary>
public static class CrashTestProduct
{
    public static string Write(string folder, string product, string version, int files)
    {
        var source = Directory.CreateDirectory(Path.Combine(folder, $"{product}-{version}-{Guid.NewGuid():N}")).FullName;
        for (var i = 0; i < files; i++)
        {
            // Files shared by both versions change content; the version's own files exist only in it.
            var shared = Path.Combine(source, "payload", "share", $"page-{i:00}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(shared)!);
            File.WriteAllText(shared, $"{product} {version} page {i}\n" + new string((char)('a' + (i % 26)), 512 + (i * 37)));
        }

        File.WriteAllText(Path.Combine(source, "payload", $"only-in-{version}.txt"), version);
        var hooks = new JsonObject();
        foreach (var (name, file) in new[] { ("preInstall", "pre-install"), ("install", "install"), ("postInstall", "post-install"),
            ("healthCheck", "health-check"), ("rollback", "rollback") })
        {
            var script = Path.Combine(source, "hooks", file + ".sh");
            Directory.CreateDirectory(Path.GetDirectoryName(script)!);
            File.WriteAllText(script, "#!/bin/sh\ntest -d \"$UPDATER_VERSION_DIR\" || [ \"$UPDATER_PHASE\" = rollback ]\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            hooks[name] = $"hooks/{file}.sh";
        }

        var manifest = new JsonObject
        {
            ["product"] = product,
            ["version"] = version,
            ["kind"] = "platform",
            ["hooks"] = hooks,
            ["applicability"] = new JsonObject { ["os"] = new JsonArray("linux") },
        };
        File.WriteAllText(Path.Combine(source, "upkg.json"), manifest.ToJsonString());
        return source;
    }
}
