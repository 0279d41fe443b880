using System.Text;
using System.Text.Json;

namespace UpdateServer.Testing;

/// <summary>A check response as a compromised server would write it: plan steps pointing wherever the attacker likes.</summary>
public static class ForgedAdvice
{
    public static byte[] Steps(params (string Product, string Version, string TargetPath)[] steps) => Encoding.UTF8.GetBytes(
        JsonSerializer.Serialize(new
        {
            snapshotVersion = 1,
            steps = steps.Select(s => new
            {
                product = s.Product, version = s.Version, kind = "platform", channel = "stable", mandatory = false,
                installsProduct = s.Product, fromVersion = (string?)null, toVersion = s.Version, targetPath = s.TargetPath, length = 1,
                hashes = new Dictionary<string, string> { ["sha256"] = "00" }, reason = "update",
            }),
            held = Array.Empty<object>(),
            unsatisfied = Array.Empty<object>(),
            products = Array.Empty<object>(),
        }));
}
