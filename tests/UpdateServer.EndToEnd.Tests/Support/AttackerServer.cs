using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace UpdateServer.EndToEnd.Tests.Support;

/// <summary>
/// A real HTTP server (Kestrel, loopback) that stands between the updater and the genuine server and plays the
/// attacker: every request is offered to <see cref="AttackPlan"/> first; what it does not answer is forwarded.
/// </summary>
public sealed class AttackerServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _origin;

    private AttackerServer(WebApplication app, HttpClient origin, Uri url)
    {
        _app = app;
        _origin = origin;
        Url = url;
    }

    /// <summary>Answers a request itself (returns true) or lets it through to the genuine server (returns false).</summary>
    public delegate Task<bool> AttackPlan(HttpContext context, Func<Task<OriginResponse>> fetchOrigin);

    public Uri Url { get; }

    public static async Task<AttackerServer> StartAsync(Uri origin, AttackPlan plan)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var http = new HttpClient { BaseAddress = origin };
        app.Run(context => HandleAsync(context, http, plan));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AttackerServer(app, http, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _origin.Dispose();
    }

    private static async Task HandleAsync(HttpContext context, HttpClient origin, AttackPlan plan)
    {
        var body = await ReadBodyAsync(context.Request);
        if (!await plan(context, () => ForwardAsync(origin, context.Request, body)))
        {
            await (await ForwardAsync(origin, context.Request, body)).WriteToAsync(context.Response);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private static async Task<OriginResponse> ForwardAsync(HttpClient origin, HttpRequest request, byte[] body)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        if (body.Length > 0 || request.ContentType is not null)
        {
            message.Content = new ByteArrayContent(body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        if (request.Headers.Range.Count > 0)
        {
            message.Headers.TryAddWithoutValidation("Range", request.Headers.Range.ToString());
        }

        using var response = await origin.SendAsync(message);
        return new OriginResponse((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(),
            response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream", response.Content.Headers.ContentRange?.ToString());
    }
}
