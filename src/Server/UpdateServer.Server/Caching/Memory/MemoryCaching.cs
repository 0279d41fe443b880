using UpdateServer.Server.Repository;

namespace UpdateServer.Server.Caching.Memory;

/// <summary>Registers the in-process default: <c>IDistributedCache</c> in this process's memory, no announcements to other instances.</summary>
public static class MemoryCaching
{
    /// <summary>Bytes the in-process distributed cache may hold.</summary>
    private const long SizeLimitBytes = 256L * 1024 * 1024;

    public static IServiceCollection AddMemoryCaching(this IServiceCollection services) =>
        services.AddDistributedMemoryCache(options => options.SizeLimit = SizeLimitBytes)
            .AddSingleton<IRepositoryChangeFeed, InProcessChangeFeed>();
}
