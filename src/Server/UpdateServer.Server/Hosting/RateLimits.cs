using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Hosting;

/// <summary>
/// Per-address limits for endpoints anyone can call without a key (install reports), so one client cannot fill
/// the database. Refusals are ProblemDetails 429 with <see cref="ProblemTypes.RateLimited"/>.
/// </summary>
public static class RateLimits
{
    public const string Reports = "reports";

    public static IServiceCollection AddUpdateServerRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Type = ProblemTypes.RateLimited,
                        Title = "Too many requests",
                        Detail = "This address sent too many reports; try again in a minute.",
                    },
                });
            };
            options.AddPolicy(Reports, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<RepositoryOptions>>().Value.MaxReportsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
}
