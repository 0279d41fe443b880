using Microsoft.EntityFrameworkCore;
using UpdateServer.Packaging.Bulletins;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Data;
using UpdateServer.Server.Devices;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Bulletins;

/// <summary>
/// The filters the Atom feed and the admin list share (query string <c>product</c>, <c>type</c>, <c>minSeverity</c>,
/// <c>status</c>, <c>device</c>, <c>q</c>). Unknown values are refused (400), never ignored, so a typo never looks like
/// "no bulletins".
/// </summary>
public sealed record BulletinFilter(string? Product, string? Type, string? MinSeverity, string? Status, string? Device, string? Search)
{
    /// <exception cref="ProblemException">A value is not one the filter knows.</exception>
    public static BulletinFilter FromQuery(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        static string? Value(IQueryCollection query, string name) => query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;
        var filter = new BulletinFilter(Value(query, "product"), Value(query, "type"), Value(query, "minSeverity"), Value(query, "status"),
            Value(query, "device"), Value(query, "q")?.Trim());
        var errors = new Dictionary<string, object?>();
        if (filter.Product is { } product && !ReleaseFacts.IsProductId(product))
        {
            errors["product"] = "a product or component id like acme.culture-platform or postgres.server";
        }

        if (filter.Type is { } type && !BulletinTypes.IsKnown(type))
        {
            errors["type"] = string.Join(", ", BulletinTypes.All);
        }

        if (filter.MinSeverity is { } severity && !BulletinSeverities.IsKnown(severity))
        {
            errors["minSeverity"] = string.Join(", ", BulletinSeverities.All);
        }

        if (filter.Status is { } status && !BulletinStatuses.IsKnown(status))
        {
            errors["status"] = string.Join(", ", BulletinStatuses.All);
        }

        if (filter.Device is { } device && !DeviceIdentity.IsValid(device))
        {
            errors["device"] = DeviceIdentity.Rule;
        }

        if (filter.Search is { Length: > 200 })
        {
            errors["q"] = "at most 200 characters";
        }

        return errors.Count == 0 ? filter : throw new ProblemException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidRequest,
            "Invalid bulletin filter", $"Unknown filter values: {string.Join("; ", errors.Select(e => $"{e.Key} must be {e.Value}"))}.",
            new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>The bulletins matching every given filter.</summary>
    public IQueryable<BulletinRecord> Apply(IQueryable<BulletinRecord> bulletins)
    {
        ArgumentNullException.ThrowIfNull(bulletins);
        if (Product is { } product)
        {
            bulletins = bulletins.Where(b => b.AffectedProducts.Any(p => p.Product == product));
        }

        if (Type is { } type)
        {
            bulletins = bulletins.Where(b => b.Type == type);
        }

        if (MinSeverity is { } severity)
        {
            var rank = BulletinSeverities.Rank(severity);
            bulletins = bulletins.Where(b => b.SeverityRank >= rank);
        }

        if (Status is { } status)
        {
            bulletins = bulletins.Where(b => b.Status == status);
        }

        if (Device is { } device)
        {
            bulletins = bulletins.Where(b => b.AffectedDevices.Any(d => d.DeviceId == device));
        }

        if (Search is { Length: > 0 } search)
        {
            // LIKE over lowercased text: case-insensitive on SQLite and PostgreSQL alike; the search's own wildcards are escaped.
            var pattern = "%" + search.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var upper = search.ToUpperInvariant();
            bulletins = bulletins.Where(b => b.Id == upper || EF.Functions.Like(b.Title.ToLower(), pattern, "\\")
                || EF.Functions.Like(b.Summary.ToLower(), pattern, "\\") || b.Cves.Contains(upper));
        }

        return bulletins;
    }
}
