using UpdateServer.Server.Configuration;

namespace UpdateServer.Server.Bulletins;

/// <summary>The absolute base for links in CSAF and Atom: <c>Bulletins:PublicBaseUrl</c>, else the request's scheme, host and path base.</summary>
public static class PublicBaseUrl
{
    public static string Of(HttpRequest request, BulletinOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var configured = options.PublicBaseUrl is { Length: > 0 } url ? url : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return configured.TrimEnd('/');
    }
}
