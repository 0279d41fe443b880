namespace UpdateServer.Server.Configuration;

/// <summary>The Redis server used when <c>Cache:Provider</c> is <c>Redis</c>. Section <c>Cache:Redis</c>.</summary>
public sealed class RedisOptions
{
    public const string Section = "Cache:Redis";

    /// <summary><c>Cache:Redis:Configuration</c>: a StackExchange.Redis configuration string, e.g. <c>redis.internal:6379</c>.</summary>
    public string? Configuration { get; set; }

    /// <summary>
    /// <c>Cache:Redis:InstanceName</c>: prefix of every key and channel this deployment uses, so that several deployments
    /// can share one Redis (default <c>updateserver:</c>).
    /// </summary>
    public string InstanceName { get; set; } = "updateserver:";
}
