using System.Text.Json.Nodes;
using UpdateServer.Packaging.Packages;

namespace UpdateServer.Updater.Tests.Installing;

/// <summary>
/// Builds a package whose hooks each append one line to <c>$UPDATER_INSTALL_ROOT/hooks.log</c> — the phase, where
/// <c>current</c> of the installed product points, the version it moves from, the working folder — then exit with the
/// code the test chose.
/// </summary>
public static class HookedPackage
{
    public const string LogFile = "hooks.log";

    private const string LogLine = """
        echo "$UPDATER_PHASE current=$(readlink "$UPDATER_INSTALL_ROOT/$UPDATER_INSTALLS_PRODUCT/current") from=$UPDATER_FROM_VERSION pwd=$(pwd)" >> "$UPDATER_INSTALL_ROOT/hooks.log"
        """;

    /// <param name="folder">Where the source folder and the package are written.</param>
    /// <param name="product">The package's product.</param>
    /// <param name="version">The package's version.</param>
    /// <param name="hooks">Exit codes by the manifest's hook name (<c>preInstall</c>, <c>healthCheck</c>, …); null for no hooks.</param>
    /// <param name="kind">The manifest's kind.</param>
    /// <param name="applicability">The manifest's applicability object, e.g. <c>upgrades</c>.</param>
    /// <param name="extraScript">Shell lines every hook runs before logging.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    public static async Task<string> BuildAsync(string folder, string product, string version, IReadOnlyDictionary<string, int>? hooks,
        CancellationToken cancellationToken, string kind = "platform", JsonObject? applicability = null, string extraScript = "")
    {
        var source = Path.Combine(folder, "src-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(source, "payload"));
        await File.WriteAllTextAsync(Path.Combine(source, "payload", "app.txt"), $"{product} {version}", cancellationToken);
        var manifest = new JsonObject { ["product"] = product, ["version"] = version, ["kind"] = kind };
        if (hooks is { Count: > 0 })
        {
            var declared = new JsonObject();
            foreach (var (name, exitCode) in hooks)
            {
                var script = $"hooks/{name}.sh";
                ShellScript.Write(Path.Combine(source, script), $"{extraScript}\n{LogLine}\nexit {exitCode}");
                declared[name] = script;
            }

            manifest["hooks"] = declared;
        }

        if (applicability is not null)
        {
            manifest["applicability"] = applicability;
        }

        await File.WriteAllTextAsync(Path.Combine(source, PackageBuilder.TemplateFileName), manifest.ToJsonString(), cancellationToken);
        var output = Path.Combine(folder, $"{product}-{version}-{Guid.NewGuid():N}.upkg");
        await using (var stream = File.Create(output))
        {
            await PackageBuilder.WriteAsync(source, stream, cancellationToken);
        }

        return output;
    }

    /// <summary>The lines the hooks logged under <paramref name="installRoot"/>, or none.</summary>
    public static string[] Log(string installRoot)
    {
        var path = Path.Combine(installRoot, LogFile);
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }
}
