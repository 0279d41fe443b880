namespace UpdateServer.Server.Configuration;

/// <summary>The shared cache and change announcements (<c>Cache:Provider</c>).</summary>
public enum CacheProvider
{
    /// <summary>In-process memory: one instance (others still notice changes through the database generation poll).</summary>
    Memory,

    /// <summary>Redis: a shared <c>IDistributedCache</c> and pub/sub announcements of every repository change.</summary>
    Redis,
}
