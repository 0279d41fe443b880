using System.CommandLine;

namespace UpdateServer.Updater.Cli;

/// <summary>Options accepted before or after any command.</summary>
public sealed class GlobalOptions
{
    public Option<string> Config { get; } = new("--config")
    {
        Description = "The updater configuration file (default: $UPDATER_CONFIG, else updater.json)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("UPDATER_CONFIG") ?? "updater.json",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON", Recursive = true };

    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Log what the updater does to stderr", Recursive = true };

    public Option<string> MetadataDir { get; } = new("--metadata-dir") { Description = "Trusted metadata folder (TUF client protocol)", Recursive = true };

    public Option<string> MetadataUrl { get; } = new("--metadata-url") { Description = "Repository metadata base URL (TUF client protocol)", Recursive = true };

    public Option<string[]> TargetName { get; } = new("--target-name")
    {
        Description = "Target path to download; repeatable (TUF client protocol)",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string> TargetBaseUrl { get; } = new("--target-base-url") { Description = "Repository targets base URL (TUF client protocol)", Recursive = true };

    public Option<string> TargetDir { get; } = new("--target-dir") { Description = "Folder for downloaded targets (TUF client protocol)", Recursive = true };

    public IEnumerable<Option> All => [Config, Json, Verbose, MetadataDir, MetadataUrl, TargetName, TargetBaseUrl, TargetDir];
}
