using System.Net;
using System.Text.Json;
using UpdateServer.Packaging.Api;
using UpdateServer.Packaging.Catalog;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Publishing;

/// <summary>
/// Lifecycle changes by re-signing a published target (same bytes, other state): the allowed moves are recorded as
/// audit events, the others are refused and change nothing. Removals and restorations are recorded too.
/// </summary>
public sealed class LifecycleTests : CatalogTestBase
{
    private const string FirstPath = "acme/acme.culture-platform-1.0.0.upkg";

    [Fact]
    public async Task PromotesATestingReleaseToStableAndRecordsWhoDidIt()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0", state: ReleaseStates.Testing));
        var outsideTheRing = Machine(new InstalledProduct(Platform, null));
        Assert.Empty((await CheckAsync(outsideTheRing)).Steps);

        using var response = await PublishAsync(Restate(first, ReleaseStates.Stable));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var release = Assert.Single((await HistoryAsync()).EnumerateArray());
        Assert.Equal(ReleaseStates.Stable, release.GetProperty("state").GetString());
        Assert.Collection(release.GetProperty("events").EnumerateArray(),
            published => AssertEvent(published, "published", null, ReleaseStates.Testing, metadataVersion: 1),
            changed => AssertEvent(changed, "state-changed", ReleaseStates.Testing, ReleaseStates.Stable, metadataVersion: 2));
        Assert.Equal("1.0.0", Assert.Single((await CheckAsync(outsideTheRing)).Steps).Version);
    }

    public static TheoryData<string, string> AllowedMoves => new()
    {
        { ReleaseStates.Draft, ReleaseStates.Testing },
        { ReleaseStates.Draft, ReleaseStates.Stable },
        { ReleaseStates.Draft, ReleaseStates.Yanked },
        { ReleaseStates.Testing, ReleaseStates.Stable },
        { ReleaseStates.Testing, ReleaseStates.Yanked },
        { ReleaseStates.Stable, ReleaseStates.Yanked },
    };

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public async Task AcceptsAForwardMoveAndRecordsIt(string from, string to)
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0", state: from));

        using var response = await PublishAsync(Restate(first, to));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var release = Assert.Single((await HistoryAsync()).EnumerateArray());
        Assert.Equal(to, release.GetProperty("state").GetString());
        AssertEvent(release.GetProperty("events").EnumerateArray().Last(), "state-changed", from, to, metadataVersion: 2);
    }

    public static TheoryData<string, string> RefusedMoves => new()
    {
        { ReleaseStates.Yanked, ReleaseStates.Stable },
        { ReleaseStates.Yanked, ReleaseStates.Testing },
        { ReleaseStates.Yanked, ReleaseStates.Draft },
        { ReleaseStates.Stable, ReleaseStates.Testing },
        { ReleaseStates.Stable, ReleaseStates.Draft },
        { ReleaseStates.Testing, ReleaseStates.Draft },
    };

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public async Task RefusesABackwardMoveAndChangesNothing(string from, string to)
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0", state: from));
        var before = await SnapshotAsync();

        using var response = await PublishAsync(Restate(first, to));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.LifecycleTransitionInvalid);
        Assert.Contains($"{from} -> {to}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RecordsTheReasonOfAYankAndStopsOfferingTheRelease()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"), Facts(Platform, "1.1.0"));
        const string Reason = "corrupts the database on upgrade (ticket 4711)";
        var yank = Acme();
        yank.Version = 2;
        yank.AddExisting(first.Targets);
        yank.Relist("acme/acme.culture-platform-1.1.0.upkg", first.Targets["acme/acme.culture-platform-1.1.0.upkg"], custom =>
        {
            custom["state"] = ReleaseStates.Yanked;
            custom["stateReason"] = Reason;
        });

        using var response = await PublishAsync(yank);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var yanked = (await HistoryAsync()).EnumerateArray().First();
        Assert.Equal(("1.1.0", ReleaseStates.Yanked, Reason),
            (yanked.GetProperty("version").GetString(), yanked.GetProperty("state").GetString(), yanked.GetProperty("stateReason").GetString()));
        var changed = yanked.GetProperty("events").EnumerateArray().Last();
        AssertEvent(changed, "state-changed", ReleaseStates.Stable, ReleaseStates.Yanked, metadataVersion: 2);
        Assert.Equal(Reason, changed.GetProperty("reason").GetString());
        var plan = await CheckAsync(Machine(new InstalledProduct(Platform, null)) with { TestRing = true });
        Assert.Equal("1.0.0", Assert.Single(plan.Steps).Version);
        Assert.StartsWith("yanked", Assert.Single(plan.Held).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordsARemovalAndARestorationOfAListedTarget()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var removal = Acme();
        removal.Version = 2;
        await removal.AddSignedReleaseAsync(Facts(Platform, "1.1.0"));
        (await PublishAsync(removal)).EnsureSuccessStatusCode();

        var afterRemoval = Release(await HistoryAsync(), "1.0.0");
        Assert.NotEqual(JsonValueKind.Null, afterRemoval.GetProperty("removedAt").ValueKind);
        AssertEvent(afterRemoval.GetProperty("events").EnumerateArray().Last(), "removed", ReleaseStates.Stable, null, metadataVersion: 2);
        var pinnedToTheRemoved = Machine(new InstalledProduct(Platform, null, Pin: "[1.0.0]"));
        Assert.Empty((await CheckAsync(pinnedToTheRemoved)).Steps);

        var restore = Acme();
        restore.Version = 3;
        restore.AddExisting(removal.Targets);
        restore.AddExisting(first.Targets);
        restore.ClearUploads();
        (await PublishAsync(restore)).EnsureSuccessStatusCode();

        var restored = Release(await HistoryAsync(), "1.0.0");
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("removedAt").ValueKind);
        Assert.Equal(["published", "removed", "restored"], restored.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        Assert.Equal(2, (await HistoryAsync()).GetArrayLength());
        Assert.Equal("1.0.0", Assert.Single((await CheckAsync(pinnedToTheRemoved)).Steps).Version);
    }

    [Fact]
    public async Task RefusesBringingBackAYankedReleaseAsStableAfterRemovingIt()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0", state: ReleaseStates.Yanked));
        var removal = Acme();
        removal.Version = 2;
        await removal.AddSignedReleaseAsync(Facts(Platform, "1.1.0"));
        (await PublishAsync(removal)).EnsureSuccessStatusCode();
        var before = await SnapshotAsync();
        var comeback = Acme();
        comeback.Version = 3;
        comeback.AddExisting(removal.Targets);
        comeback.ClearUploads();
        comeback.Relist(FirstPath, first.Targets[FirstPath], custom => custom["state"] = ReleaseStates.Stable);

        using var response = await PublishAsync(comeback);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, ProblemTypes.LifecycleTransitionInvalid);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task RecordsWhatChangedWhenOnlyOtherFactsChange()
    {
        var first = await PublishReleasesAsync(Facts(Platform, "1.0.0"));
        var renewal = Acme();
        renewal.Version = 2;
        renewal.Relist(FirstPath, first.Targets[FirstPath], custom => custom["mandatory"] = true);

        (await PublishAsync(renewal)).EnsureSuccessStatusCode();

        var release = Assert.Single((await HistoryAsync()).EnumerateArray());
        var events = release.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["published", "facts-changed"], events.Select(e => e.GetProperty("event").GetString()));
        Assert.Equal("mandatory no -> yes", events[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ListsReleasesNewestFirstWithTheirTargets()
    {
        await PublishReleasesAsync(Facts(Platform, "1.0.0"), Facts(Platform, "10.0.0"), Facts(Platform, "2.0.0-beta.1", state: ReleaseStates.Draft));

        var history = (await HistoryAsync()).EnumerateArray().ToList();

        Assert.Equal(["10.0.0", "2.0.0-beta.1", "1.0.0"], history.Select(r => r.GetProperty("version").GetString()));
        Assert.Equal("acme/acme.culture-platform-10.0.0.upkg", history[0].GetProperty("targetPath").GetString());
        Assert.Equal(ReleaseStates.Draft, history[1].GetProperty("state").GetString());
    }

    [Fact]
    public async Task AnswersNotFoundForAProductNeverPublished()
    {
        await PublishReleasesAsync(Facts(Platform, "1.0.0"));

        using var response = await Http.GetAsync("/api/v1/products/acme.nothing/releases", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, ProblemTypes.NotFound);
    }

    [Theory]
    [InlineData("Acme.Platform")]
    [InlineData("platform")]
    [InlineData("acme..platform")]
    [InlineData("acme.platform%0A")]
    [InlineData("acme.%E2%80%AEplatform")]
    public async Task RefusesAnInvalidProductId(string product)
    {
        using var response = await Http.GetAsync($"/api/v1/products/{product}/releases", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    [Fact]
    public async Task RefusesAnOverlongProductId()
    {
        using var response = await Http.GetAsync($"/api/v1/products/acme.{new string('p', 200)}/releases", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, ProblemTypes.InvalidRequest);
    }

    /// <summary>The next metadata version listing <paramref name="previous"/>' targets with the first one re-signed in <paramref name="state"/>.</summary>
    private Publication Restate(Publication previous, string state)
    {
        var next = Acme();
        next.Version = previous.Version + 1;
        next.AddExisting(previous.Targets);
        next.Relist(FirstPath, previous.Targets[FirstPath], custom => custom["state"] = state);
        return next;
    }

    private static JsonElement Release(JsonElement history, string version) =>
        history.EnumerateArray().Single(r => r.GetProperty("version").GetString() == version);

    private static void AssertEvent(JsonElement e, string kind, string? from, string? to, long metadataVersion)
    {
        Assert.Equal(kind, e.GetProperty("event").GetString());
        Assert.Equal(from, e.GetProperty("fromState").GetString());
        Assert.Equal(to, e.GetProperty("toState").GetString());
        Assert.Equal("acme", e.GetProperty("actor").GetString());
        Assert.Equal(metadataVersion, e.GetProperty("metadataVersion").GetInt64());
    }
}
