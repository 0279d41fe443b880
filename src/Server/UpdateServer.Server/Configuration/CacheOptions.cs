using System.ComponentModel.DataAnnotations;

namespace UpdateServer.Server.Configuration;

/// <summary>
/// How instances share cached data and learn of each other's changes. Section <c>Cache</c>.
/// </summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary><c>Cache:Provider</c>: <c>Memory</c> (default, one instance) or <c>Redis</c> (section <c>Cache:Redis</c>).</summary>
    public CacheProvider Provider { get; set; } = CacheProvider.Memory;

    /// <summary>
    /// <c>Cache:GenerationPollInterval</c>: how often each instance compares the database's repository generation with
    /// the one it serves (default 2 seconds). The backstop for a change announcement that did not arrive; a poll is one
    /// primary-key read.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "01:00:00", ErrorMessage = "Cache:GenerationPollInterval must be between 100 milliseconds and 1 hour.")]
    public TimeSpan GenerationPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
