using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace UpdateServer.Benchmarks.Serving;

/// <summary>
/// The least ASP.NET Core does for a check (<c>bench/run.sh</c>): Kestrel with its defaults answers every request by
/// reading the body to its end and writing fixed bytes (the server's own check response) — no middleware, no routing,
/// no lookup. The server's check against this floor is what the server's own code costs; this floor against nginx is
/// what the framework costs.
/// </summary>
public static class KestrelFloor
{
    public static async Task RunAsync(string url, string responseFile)
    {
        var response = await File.ReadAllBytesAsync(responseFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var app = builder.Build();
        app.Run(async context =>
        {
            var body = context.Request.BodyReader;
            while (true)
            {
                var read = await body.ReadAsync(context.RequestAborted);
                body.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
            }

            context.Response.ContentType = "application/json";
            context.Response.ContentLength = response.Length;
            await context.Response.Body.WriteAsync(response, context.RequestAborted);
        });
        await app.RunAsync();
    }
}
