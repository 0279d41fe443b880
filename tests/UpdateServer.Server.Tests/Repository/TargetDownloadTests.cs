using System.Net;
using UpdateServer.Packaging.Trust;
using UpdateServer.Server.Problems;
using UpdateServer.Server.Tests.Support;
using UpdateServer.Testing;

namespace UpdateServer.Server.Tests.Repository;

/// <summary>
/// Targets as a downloader, a cache or a CDN asks for them: whole, one range, conditional on the entity tag (RFC 9110
/// sections 13 and 14), and HEAD.
/// </summary>
public sealed class TargetDownloadTests : ServerTestBase
{
    [Fact]
    public async Task ServesAWholeTargetWithItsLengthEntityTagAndCacheHeaders()
    {
        var (path, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(package, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(package.Length, response.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"{FileHashes.Sha256Hex(package)}\"", response.Headers.ETag?.Tag);
        Assert.Equal("bytes", Assert.Single(response.Headers.AcceptRanges));
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Contains("immutable", response.Headers.GetValues("Cache-Control").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServesATargetByItsUnhashedNameForRevalidation()
    {
        var (_, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, "/tuf/targets/acme/acme.culture-platform-1.0.0.upkg");

        Assert.Equal(package, await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.True(response.Headers.CacheControl?.NoCache);
    }

    [Theory]
    [InlineData("\"{sha}\"")]
    [InlineData("W/\"{sha}\"")]
    [InlineData("\"other\", \"{sha}\"")]
    [InlineData("*")]
    public async Task AnswersNotModifiedWhenIfNoneMatchNamesTheTarget(string ifNoneMatch)
    {
        var (path, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, path, ("If-None-Match", ifNoneMatch.Replace("{sha}", FileHashes.Sha256Hex(package), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal($"\"{FileHashes.Sha256Hex(package)}\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task ServesTheWholeTargetWhenIfNoneMatchNamesAnotherVersion()
    {
        var (path, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, path, ("If-None-Match", $"\"{new string('0', 64)}\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(package, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("bytes=5-", 5, -1)]
    [InlineData("bytes=-7", -7, 7)]
    [InlineData("bytes=3-3", 3, 1)]
    [InlineData("bytes=0-999999999", 0, -1)]
    public async Task ServesOneRangeWithItsContentRange(string range, int from, int count)
    {
        var (path, package) = await PublishedTargetAsync();
        var start = from >= 0 ? from : package.Length + from;
        var length = count >= 0 ? count : package.Length - start;

        using var response = await SendAsync(HttpMethod.Get, path, ("Range", range));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(package.AsSpan(start, length).ToArray(), await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal($"bytes {start}-{start + length - 1}/{package.Length}", response.Content.Headers.GetValues("Content-Range").Single());
    }

    [Fact]
    public async Task HonoursARangeWhenIfRangeNamesTheTarget()
    {
        var (path, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, path, ("Range", "bytes=10-19"), ("If-Range", $"\"{FileHashes.Sha256Hex(package)}\""));

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(package[10..20], await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Theory]
    [InlineData("\"0000\"")]
    [InlineData("W/\"{sha}\"")]
    [InlineData("Tue, 24 Nov 2026 10:00:00 GMT")]
    public async Task ServesTheWholeTargetWhenIfRangeDoesNotHold(string ifRange)
    {
        var (path, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, path, ("Range", "bytes=10-19"),
            ("If-Range", ifRange.Replace("{sha}", FileHashes.Sha256Hex(package), StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(package, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task RefusesAnIfMatchNamingAnotherVersionAsAProblem()
    {
        var (path, _) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, path, ("If-Match", $"\"{new string('1', 64)}\""));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.PreconditionFailed, ProblemTypes.PreconditionFailed);
    }

    [Fact]
    public async Task ServesTheTargetWhenIfMatchNamesIt()
    {
        var (path, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Get, path, ("If-Match", $"\"{FileHashes.Sha256Hex(package)}\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(package, await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task AnswersHeadWithTheHeadersOfAGetAndNoBody()
    {
        var (path, package) = await PublishedTargetAsync();

        using var response = await SendAsync(HttpMethod.Head, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(package.Length, response.Content.Headers.ContentLength);
        Assert.Equal($"\"{FileHashes.Sha256Hex(package)}\"", response.Headers.ETag?.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task AnswersHeadForAnUnknownTargetWithNotFound()
    {
        using var response = await SendAsync(HttpMethod.Head, "/tuf/targets/acme/nothing.upkg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(string Path, byte[] Package)> PublishedTargetAsync()
    {
        var publication = Acme();
        var package = await publication.AddPackageAsync("acme.culture-platform", "1.0.0");
        (await PublishAsync(publication)).EnsureSuccessStatusCode();
        return ($"/tuf/targets/acme/{FileHashes.Sha256Hex(package)}.acme.culture-platform-1.0.0.upkg", package);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), name);
        }

        return await Http.SendAsync(request, Ct);
    }
}
