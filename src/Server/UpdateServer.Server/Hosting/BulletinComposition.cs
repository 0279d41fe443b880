using Microsoft.AspNetCore.OData;
using Microsoft.Extensions.Options;
using UpdateServer.Server.AdminPages;
using UpdateServer.Server.Bulletins;
using UpdateServer.Server.Bulletins.Csaf;
using UpdateServer.Server.Bulletins.Feeds;
using UpdateServer.Server.Bulletins.OData;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Webhooks;

namespace UpdateServer.Server.Hosting;

/// <summary>The bulletin features: indexing, matching, OData, Atom, CSAF, admin pages and webhooks.</summary>
public static class BulletinComposition
{
    public static WebApplicationBuilder AddBulletins(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<BulletinOptions>().BindConfiguration(BulletinOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddScoped<BulletinIndexer>();
        services.AddScoped<WebhookOutbox>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<AffectedMachineLedger>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        // Query features are switched on for the model here and limited per request by BulletinsController (Bulletins:MaxPageSize).
        services.AddControllers().AddOData(odata => odata.Select().Filter().OrderBy().Expand().Count().SetMaxTop(1000)
            .AddRouteComponents("odata", BulletinEdmModel.Create()));
        return builder;
    }

    public static WebApplication MapBulletins(this WebApplication app)
    {
        app.MapControllers();
        app.MapBulletinFeed();
        app.MapCsafProvider();
        app.MapAdminPages();
        return app;
    }
}
