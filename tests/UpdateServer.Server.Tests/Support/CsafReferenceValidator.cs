using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace UpdateServer.Server.Tests.Support;

/// <summary>
/// Runs <c>scripts/csaf/validate.mjs</c> — the CSAF 2.0 reference validator (@secvisogram/csaf-validator-lib: strict
/// schema and every mandatory test of section 6.1) — on real Node over files, and returns its verdict per file.
/// </summary>
public static class CsafReferenceValidator
{
    public static async Task<(int ExitCode, IReadOnlyList<JsonElement> Results, string Errors)> ValidateAsync(IReadOnlyList<string> files,
        CancellationToken cancellationToken)
    {
        var root = typeof(CsafReferenceValidator).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
        var script = Path.Combine(root, "scripts", "csaf", "validate.mjs");
        Assert.True(Directory.Exists(Path.Combine(root, "scripts", "csaf", "node_modules", "@secvisogram")),
            "The CSAF validator is not installed: run 'npm ci --prefix scripts/csaf' (scripts/test.sh does).");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var results = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<JsonElement>(l)).ToList();
        return (process.ExitCode, results, await stderr);
    }
}
