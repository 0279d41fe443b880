using System.Globalization;
using System.Net;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Tests.Support;

namespace UpdateServer.Server.Tests.Repository;

/// <summary>Range headers on metadata: served, refused with a 416 problem, or ignored, as RFC 9110 section 14.2 allows.</summary>
public sealed class ByteRangeTests : ServerTestBase
{
    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("bytes=10-5")]
    [InlineData("bytes=")]
    [InlineData("bytes=-0")]
    [InlineData("bytes=5000000-")]
    [InlineData("bytes=0-1, x")]
    public async Task RefusesMalformedOrUnsatisfiableRangesAsAProblem(string range)
    {
        var length = (await Http.GetByteArrayAsync("/tuf/metadata/1.root.json", Ct)).Length;

        using var response = await GetAsync("/tuf/metadata/1.root.json", range);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{length}", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("urn:updateserver:problem:range-not-satisfiable", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bytes=abc")]
    [InlineData("bytes=-0")]
    [InlineData("bytes={length}-")]
    public async Task RefusesMalformedOrUnsatisfiableRangesOfATargetWithItsLength(string range)
    {
        var publication = Acme();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        using var response = await GetAsync($"/tuf/targets/acme/{FileHashes.Sha256Hex(package)}.acme.culture-platform-1.0.0.upkg",
            range.Replace("{length}", package.Length.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal($"bytes */{package.Length}", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Contains("urn:updateserver:problem:range-not-satisfiable", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("items=0-1")]
    [InlineData("bytes=0-1,4-5")]
    public async Task ServesTheWholeFileForRangesOfAnotherUnitOrSeveralRanges(string range)
    {
        var whole = await Http.GetByteArrayAsync("/tuf/metadata/1.root.json", Ct);

        using var response = await GetAsync("/tuf/metadata/1.root.json", range);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(whole, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("bytes=0-9", 0, 10)]
    [InlineData("bytes=-5", -5, 5)]
    public async Task ServesASatisfiableRange(string range, int from, int count)
    {
        var whole = await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct);

        using var response = await GetAsync("/tuf/metadata/timestamp.json", range);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        var start = from >= 0 ? from : whole.Length + from;
        Assert.Equal(whole.AsSpan(start, count).ToArray(), await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task ServesAnOlderVersionOfARoleByteForByte()
    {
        var first = await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct);
        var publication = Acme();
        await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();

        var snapshotOne = await Http.GetByteArrayAsync("/tuf/metadata/1.snapshot.json", Ct);
        var again = await Http.GetByteArrayAsync("/tuf/metadata/1.snapshot.json", Ct);

        Assert.NotEqual(first, await Http.GetByteArrayAsync("/tuf/metadata/timestamp.json", Ct));
        Assert.Equal(snapshotOne, again);
        Assert.Equal(1, Packaging.Trust.Metadata.FromBytes<Packaging.Trust.SnapshotMetadata>(snapshotOne).Signed.Version);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string range)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Range", range);
        return await Http.SendAsync(request, Ct);
    }
}
