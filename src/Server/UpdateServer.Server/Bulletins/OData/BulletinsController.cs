using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using UpdateServer.Server.Configuration;
using UpdateServer.Server.Data;
using UpdateServer.Server.Problems;

namespace UpdateServer.Server.Bulletins.OData;

/// <summary>
/// <c>GET /odata/Bulletins</c>: read-only queries with <c>$filter</c>, <c>$orderby</c>, <c>$top</c>/<c>$skip</c>
/// (<c>$top</c> at most <c>Bulletins:MaxPageSize</c>; longer results are paged with a next link), <c>$count</c>,
/// <c>$select</c> and <c>$expand</c> (affectedProducts, fixedReleases, affectedDevices). A query that does not parse,
/// names unknown fields or asks for too much is a 400 <c>invalid-query</c> problem, never a server error.
/// </summary>
public sealed class BulletinsController(UpdateServerDbContext db, IOptions<BulletinOptions> options) : ODataController
{
    public IActionResult Get(ODataQueryOptions<BulletinRecord> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var max = options.Value.MaxPageSize;
        return Guarded(() =>
        {
            query.Validate(Settings(max));
            return Ok(query.ApplyTo(db.Bulletins, new ODataQuerySettings { PageSize = max, EnsureStableOrdering = true }));
        });
    }

    /// <summary><c>GET /odata/Bulletins('ACME-2026-0001')</c>, with <c>$select</c> and <c>$expand</c>; 404 when unknown.</summary>
    [EnableQuery(MaxExpansionDepth = 1)]
    public IActionResult Get(string key, ODataQueryOptions<BulletinRecord> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Guarded(() =>
        {
            query.Validate(Settings(options.Value.MaxPageSize));
            return db.Bulletins.Any(b => b.Id == key)
                ? Ok(SingleResult.Create(db.Bulletins.Where(b => b.Id == key)))
                : throw new ProblemException(StatusCodes.Status404NotFound, ProblemTypes.NotFound, "No such bulletin", $"There is no bulletin {key}.");
        });
    }

    private static ODataValidationSettings Settings(int max) => new()
    {
        MaxTop = max,
        MaxSkip = 1_000_000,
        MaxExpansionDepth = 1,
        MaxNodeCount = 200,
        MaxAnyAllExpressionDepth = 2,
        MaxOrderByNodeCount = 5,
        AllowedQueryOptions = AllowedQueryOptions.Filter | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top | AllowedQueryOptions.Skip
            | AllowedQueryOptions.Count | AllowedQueryOptions.Select | AllowedQueryOptions.Expand | AllowedQueryOptions.Format,
    };

    private static IActionResult Guarded(Func<IActionResult> run)
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is ODataException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, ProblemTypes.InvalidQuery, "Invalid OData query", e.Message);
        }
    }
}
