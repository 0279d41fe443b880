using UpdateServer.Packaging.Api;
using UpdateServer.Updater.Updating;

namespace UpdateServer.Updater.Cli;

/// <summary>The <c>--json</c> shape of one applied step: what moved, how it ended, and the hooks as reported to the server.</summary>
public sealed record ResultView(string Product, string? FromVersion, string ToVersion, string Outcome, string? ErrorCode, string? Error,
    IReadOnlyList<HookReport> Hooks)
{
    public static ResultView Of(ApplyResult result) => new(result.Product, result.FromVersion, result.ToVersion, result.Outcome,
        result.ErrorCode, result.Error, result.Hooks.Select(h => h.ToReport()).ToList());
}
