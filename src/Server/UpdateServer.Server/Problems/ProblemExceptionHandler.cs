using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace UpdateServer.Server.Problems;

/// <summary>Turns <see cref="ProblemException"/> and request-level failures into ProblemDetails responses.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => Create(p.Status, p.Type, p.Title, p.Message, p.Extensions),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Create(StatusCodes.Status413PayloadTooLarge,
                ProblemTypes.PayloadTooLarge, "Payload too large", exception.Message, null),
            BadHttpRequestException bad => Create(bad.StatusCode, ProblemTypes.InvalidRequest, "Invalid request", exception.Message, null),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        if (httpContext.Response.HasStarted)
        {
            return true;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Create(int status, string type, string title, string detail, IReadOnlyDictionary<string, object?>? extensions)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }
}
