using BenchmarkDotNet.Attributes;
using UpdateServer.Benchmarks.Repository;
using UpdateServer.Benchmarks.Reporting;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.Benchmarks.Trust;

/// <summary>
/// The common case: a client that updated before checks again and nothing changed. Only timestamp.json is
/// fetched (the same version), but the client re-reads and re-verifies the cached metadata it walks through
/// (TUF spec 5.6: local copies are checked against the trusted snapshot and their delegator's keys).
/// Same repository as <see cref="HashedBinRefreshBenchmarks"/>; the flat vendor role is the baseline.
/// </summary>
[MemoryDiagnoser]
public class CachedRefreshBenchmarks
{
    private AcmeRepository? _repository;
    private InMemoryMetadataStore? _store;

    [GlobalSetup(Target = nameof(UpdateFlatCached))]
    public Task PublishFlatAsync() => PublishAndUpdateOnceAsync(RepositoryLayout.Flat);

    [GlobalSetup(Target = nameof(UpdateHashedBinsCached))]
    public Task PublishHashedBinsAsync() => PublishAndUpdateOnceAsync(RepositoryLayout.HashedBins);

    // The store is not written to: the timestamp has the trusted version (5.4.3.1), every other file verifies.
    [Benchmark(Baseline = true)]
    [KeyFigure("refresh_cached", "flat")]
    public Task<TargetFile> UpdateFlatCached() =>
        HashedBinRefreshBenchmarks.UpdateAsync(_repository!, _store!, HashedBinRefreshBenchmarks.WantedTarget);

    [Benchmark]
    [KeyFigure("refresh_cached", "bins")]
    public Task<TargetFile> UpdateHashedBinsCached() =>
        HashedBinRefreshBenchmarks.UpdateAsync(_repository!, _store!, HashedBinRefreshBenchmarks.WantedTarget);

    private async Task PublishAndUpdateOnceAsync(RepositoryLayout layout)
    {
        _repository = AcmeRepository.Publish(layout, HashedBinRefreshBenchmarks.ReleaseCount);
        _store = InMemoryMetadataStore.WithRoot(_repository.TrustedRoot);
        await HashedBinRefreshBenchmarks.UpdateAsync(_repository, _store, HashedBinRefreshBenchmarks.WantedTarget);
    }
}
