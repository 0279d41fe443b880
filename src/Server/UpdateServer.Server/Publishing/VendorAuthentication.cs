using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using UpdateServer.Packaging.Repository;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Publishing;

/// <summary>Checks the <c>Authorization: Bearer &lt;api key&gt;</c> of a publish request against the vendor it targets.</summary>
public static class VendorAuthentication
{
    private const int MaxApiKeyLength = 512;

    /// <exception cref="ProblemException">401 when the key is missing or unknown, 403 when it belongs to another vendor.</exception>
    public static async Task<VendorRecord> AuthenticateAsync(HttpContext context, string vendor, UpdateServerDbContext db, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || header.Length - scheme.Length is 0 or > MaxApiKeyLength)
        {
            throw Unauthorized(context, "Send the vendor's API key as 'Authorization: Bearer <key>'.");
        }

        var hash = VendorRegistration.HashApiKey(header[scheme.Length..].Trim());
        var owner = await db.Vendors.AsNoTracking().SingleOrDefaultAsync(v => v.ApiKeySha256 == hash, cancellationToken)
            ?? throw Unauthorized(context, "The API key is not valid.");
        if (owner.Name != vendor)
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, ProblemTypes.VendorMismatch, "Wrong vendor",
                $"This API key belongs to another vendor and cannot publish for \"{vendor}\".");
        }

        return owner;
    }

    private static ProblemException Unauthorized(HttpContext context, string detail)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return new ProblemException(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidApiKey, "Invalid API key", detail);
    }
}
