using Microsoft.AspNetCore.Http.Json;
using UpdateServer.Server.Administration;
using UpdateServer.Server.Caching;
using UpdateServer.Server.Catalog;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Publishing;
using UpdateServer.Server.Reports;
using UpdateServer.Server.Repository;
using UpdateServer.Server.Storage;

namespace UpdateServer.Server.Hosting;

/// <summary>How the server is put together: services, options and endpoints. Program.cs only calls these.</summary>
public static class ServerComposition
{
    /// <summary>Default request body limit; publish raises it for its own requests.</summary>
    private const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    public static WebApplicationBuilder AddUpdateServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RepositoryOptions>().BindConfiguration(RepositoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        services.AddSingleton(TimeProvider.System);

        // The backends are chosen once, at start, from configuration.
        var configuration = builder.Configuration;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddUpdateServerDatabase(storage);
        services.AddUpdateServerBlobStorage(storage, configuration.GetSection(AzureBlobOptions.Section).Get<AzureBlobOptions>() ?? new AzureBlobOptions());
        services.AddUpdateServerCaching(configuration.GetSection(CacheOptions.Section).Get<CacheOptions>() ?? new CacheOptions(),
            configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions());
        services.AddMemoryCache(options => options.SizeLimit = 64L * 1024 * 1024);

        services.AddSingleton<OnlineKeys>();
        services.AddScoped<OnlineSigner>();
        services.AddSingleton<RepositoryBootstrapper>();
        services.AddScoped<RepositoryImporter>();
        services.AddSingleton<OperatorKeys>();
        services.AddHostedService<RepositoryStartup>();
        services.AddSingleton<RepositoryStateCache>();
        services.AddSingleton<RepositoryChanges>();
        services.AddSingleton<CheckResponseCache>();
        services.AddSingleton<MetadataFiles>();
        services.AddHostedService<RepositoryGenerationWatcher>();
        services.AddSingleton<ExpiryRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<ExpiryRefresher>());
        services.AddSingleton<PublishLock>();
        services.AddScoped<PublishService>();

        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Type = StableProblemType(context.ProblemDetails.Type, context.ProblemDetails.Status));
        services.AddOpenApi();
        services.AddUpdateServerRateLimits();
        services.Configure<JsonOptions>(options => options.SerializerOptions.MaxDepth = 32);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = DefaultMaxRequestBodyBytes;

            // Operators tune Kestrel's limits (connections, header timeout, keep-alive) under Kestrel:Limits.
            configuration.GetSection("Kestrel:Limits").Bind(kestrel.Limits);
        });
        builder.AddBulletins();
        return builder;
    }

    public static WebApplication MapUpdateServer(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Health").ExcludeFromDescription();
        app.MapTufRepository();
        app.MapPublishApi();
        app.MapCheckApi();
        app.MapReleaseHistoryApi();
        app.MapReportsApi();
        app.MapAdministrationApi();
        app.MapBulletins();
        return app;
    }

    /// <summary>Replaces the framework's per-status RFC links with this server's stable problem types.</summary>
    private static string? StableProblemType(string? type, int? status) => type is not null && type.StartsWith("urn:updateserver:", StringComparison.Ordinal)
        ? type
        : status switch
        {
            StatusCodes.Status404NotFound => ProblemTypes.NotFound,
            StatusCodes.Status413PayloadTooLarge => ProblemTypes.PayloadTooLarge,
            >= 400 and < 500 => ProblemTypes.InvalidRequest,
            _ => type,
        };
}
