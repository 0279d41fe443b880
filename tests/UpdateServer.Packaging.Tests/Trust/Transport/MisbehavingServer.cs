using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UpdateServer.Packaging.Tests.Trust.Transport;

/// <summary>A real Kestrel server on a loopback port whose endpoints misbehave the ways hostile repositories do.</summary>
public sealed class MisbehavingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MisbehavingServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<MisbehavingServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();

        app.MapGet("/ok.json", () => Results.Bytes("{\"ok\":true}"u8.ToArray(), "application/json"));
        app.MapGet("/missing.json", () => Results.NotFound());
        app.MapGet("/forbidden.json", () => Results.StatusCode(403));
        app.MapGet("/broken.json", () => Results.StatusCode(500));
        app.MapGet("/large-declared.json", (HttpContext context) =>
        {
            context.Response.ContentLength = 10_000_000;
            return context.Response.Body.WriteAsync(data.AsMemory(0, 10)).AsTask();
        });
        app.MapGet("/endless.json", async (HttpContext context) =>
        {
            for (var i = 0; i < 10_000 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(data.AsMemory(0, 4096), context.RequestAborted);
            }
        });
        app.MapGet("/stalls.json", async (HttpContext context) =>
        {
            await context.Response.Body.WriteAsync("{"u8.ToArray(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        app.MapGet("/no-headers.json", async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        app.MapGet("/drips.bin", async (HttpContext context) =>
        {
            for (var i = 0; i < 1000 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(data.AsMemory(i, 1), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(40, context.RequestAborted);
            }
        });
        app.MapGet("/target.bin", () => Results.Bytes(data, "application/octet-stream", enableRangeProcessing: true));
        app.MapGet("/range-from-zero.bin", (HttpContext context) => PartialAsync(context, data, from: 0, contentRange: true));
        app.MapGet("/range-unstated.bin", (HttpContext context) => PartialAsync(context, data, from: 99_990, contentRange: false));
        app.MapGet("/range-ignored.bin", () => Results.Bytes(data, "application/octet-stream"));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MisbehavingServer(app, new Uri(address + "/"));
    }

    /// <summary>Answers 206 with the bytes from <paramref name="from"/> on, whatever range was asked for.</summary>
    private static Task PartialAsync(HttpContext context, byte[] data, int from, bool contentRange)
    {
        context.Response.StatusCode = StatusCodes.Status206PartialContent;
        if (contentRange)
        {
            context.Response.Headers.ContentRange = $"bytes {from}-{data.Length - 1}/{data.Length}";
        }

        return context.Response.Body.WriteAsync(data.AsMemory(from)).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
