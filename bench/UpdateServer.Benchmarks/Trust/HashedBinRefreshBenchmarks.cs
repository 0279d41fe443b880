using BenchmarkDotNet.Attributes;
using UpdateServer.Benchmarks.Repository;
using UpdateServer.Benchmarks.Reporting;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Client;

namespace UpdateServer.Benchmarks.Trust;

/// <summary>
/// A client's first update against a repository of 100,000 releases: from a store holding only root.json,
/// <see cref="TufClient.RefreshAsync"/> and <see cref="TufClient.FindTargetAsync"/> for one release. The vendor
/// role either lists every release (the baseline) or delegates them to 256 hashed bins.
/// </summary>
[MemoryDiagnoser]
public class HashedBinRefreshBenchmarks
{
    public const int ReleaseCount = 100_000;

    /// <summary>The release looked up; any one costs the same.</summary>
    public static readonly string WantedTarget = AcmeReleases.PathOf(4242);

    private AcmeRepository? _repository;

    [GlobalSetup(Target = nameof(UpdateFlat))]
    public void PublishFlat() => _repository = AcmeRepository.Publish(RepositoryLayout.Flat, ReleaseCount);

    [GlobalSetup(Target = nameof(UpdateHashedBins))]
    public void PublishHashedBins() => _repository = AcmeRepository.Publish(RepositoryLayout.HashedBins, ReleaseCount);

    [Benchmark(Baseline = true)]
    [KeyFigure("refresh", "flat")]
    public Task<TargetFile> UpdateFlat() => UpdateFromScratchAsync(_repository!, WantedTarget);

    [Benchmark]
    [KeyFigure("refresh", "bins")]
    public Task<TargetFile> UpdateHashedBins() => UpdateFromScratchAsync(_repository!, WantedTarget);

    /// <summary>One update by a client that trusts only the repository's root.</summary>
    /// <exception cref="InvalidOperationException">The repository does not list <paramref name="targetPath"/>.</exception>
    public static Task<TargetFile> UpdateFromScratchAsync(AcmeRepository repository, string targetPath) =>
        UpdateAsync(repository, InMemoryMetadataStore.WithRoot(repository.TrustedRoot), targetPath);

    /// <summary>One update by a client with the trusted metadata in <paramref name="store"/>.</summary>
    /// <exception cref="InvalidOperationException">The repository does not list <paramref name="targetPath"/>.</exception>
    public static async Task<TargetFile> UpdateAsync(AcmeRepository repository, ITrustedMetadataStore store, string targetPath)
    {
        var client = new TufClient(repository.Files, store, TimeProvider.System);
        await client.RefreshAsync(CancellationToken.None);
        return await client.FindTargetAsync(targetPath, CancellationToken.None)
            ?? throw new InvalidOperationException($"The repository does not list {targetPath}.");
    }
}
