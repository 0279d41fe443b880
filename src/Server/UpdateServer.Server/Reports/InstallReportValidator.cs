using UpdateServer.Packaging.Api;
using System.Text.RegularExpressions;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Packaging.Versions;
using UpdateServer.Server.Devices;

namespace UpdateServer.Server.Reports;

/// <summary>Validates install reports; errors are keyed by field name.</summary>
public static partial class InstallReportValidator
{
    public static readonly string[] Outcomes = ["succeeded", "failed", "rolled-back"];
    public static readonly string[] HookPhases = ["pre-install", "install", "post-install", "health-check", "rollback"];
    private const int MaxHooks = 16;
    private const int MaxHookOutputChars = 8 * 1024;

    public static Dictionary<string, string[]> Validate(InstallReport report)
    {
        var errors = new Dictionary<string, string[]>();
        if (!DeviceIdentity.IsValid(report.DeviceId))
        {
            errors["deviceId"] = [DeviceIdentity.Rule];
        }

        if (report.ReportId is { } id && !ReportIdPattern().IsMatch(id))
        {
            errors["reportId"] = ["reportId must be 8-64 letters, digits and '-'."];
        }

        if (!ReleaseFacts.IsProductId(report.Product))
        {
            errors["product"] = ["product must be a product id like vendor.name."];
        }

        if (report.FromVersion is { } from && !StrictVersion.TryParse(from, out _))
        {
            errors["fromVersion"] = ["fromVersion must be a SemVer 2.0 version."];
        }

        if (!StrictVersion.TryParse(report.ToVersion, out _))
        {
            errors["toVersion"] = ["toVersion is required and must be a SemVer 2.0 version."];
        }

        if (!Outcomes.Contains(report.Outcome))
        {
            errors["outcome"] = [$"outcome must be one of {string.Join(", ", Outcomes)}."];
        }

        if (report.ErrorCode is { } code && !ErrorCodePattern().IsMatch(code))
        {
            errors["errorCode"] = ["errorCode must be 1-128 lowercase letters, digits and '-'."];
        }

        if (report.Message is { Length: > 4096 })
        {
            errors["message"] = ["message must be at most 4096 characters."];
        }

        if (report.DurationMs is < 0)
        {
            errors["durationMs"] = ["durationMs must not be negative."];
        }

        ValidateHooks(report, errors);
        return errors;
    }

    private static void ValidateHooks(InstallReport report, Dictionary<string, string[]> errors)
    {
        if (report.Hooks is not { } hooks)
        {
            return;
        }

        if (hooks.Count > MaxHooks)
        {
            errors["hooks"] = [$"At most {MaxHooks} hooks."];
            return;
        }

        for (var i = 0; i < hooks.Count; i++)
        {
            if (hooks[i] is not { } hook || !HookPhases.Contains(hook.Phase))
            {
                errors[$"hooks[{i}].phase"] = [$"phase must be one of {string.Join(", ", HookPhases)}."];
            }
            else if (hook.Output is { Length: > MaxHookOutputChars })
            {
                errors[$"hooks[{i}].output"] = [$"output must be at most {MaxHookOutputChars} characters."];
            }
            else if (hook.DurationMs < 0)
            {
                errors[$"hooks[{i}].durationMs"] = ["durationMs must not be negative."];
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ReportIdPattern();

    [GeneratedRegex("^[a-z0-9-]{1,128}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ErrorCodePattern();
}
