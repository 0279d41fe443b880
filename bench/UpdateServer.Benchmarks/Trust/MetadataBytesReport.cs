using System.Globalization;
using UpdateServer.Benchmarks.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;

namespace UpdateServer.Benchmarks.Trust;

/// <summary>
/// The size of the 10,000-target file of <see cref="TargetsVerificationBenchmarks"/>, and the metadata bytes a
/// client fetches per update in each <see cref="RepositoryLayout"/> of the repository of
/// <see cref="HashedBinRefreshBenchmarks"/>: a first update from root alone, an update after only the timestamp
/// was re-signed, and one after a release was added (the client then looks that release up). Byte counts
/// depend on the layout alone, not on the machine; no timing is involved.
/// </summary>
public static class MetadataBytesReport
{
    public static async Task WriteAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var targetsFile = TargetsVerificationBenchmarks.SignTargetsFile(SigningKey.Generate());
        output.WriteLine(Invariant($"targets metadata of {TargetsVerificationBenchmarks.TargetCount:N0} releases: {targetsFile.Length:N0} bytes"));
        output.WriteLine();
        var figures = new List<string> { Invariant($"targets_10k_file_bytes: {targetsFile.Length}") };
        var firstUpdateBytes = new Dictionary<RepositoryLayout, long>();
        output.WriteLine(Invariant($"Metadata fetched per update: {HashedBinRefreshBenchmarks.ReleaseCount:N0} releases, consistent snapshots, lengths and hashes listed"));
        output.WriteLine(Invariant($"{"layout",-12}{"update",-30}{"requests",10}{"bytes",14}"));
        foreach (var layout in new[] { RepositoryLayout.Flat, RepositoryLayout.HashedBins })
        {
            var repository = AcmeRepository.Publish(layout, HashedBinRefreshBenchmarks.ReleaseCount);
            var store = InMemoryMetadataStore.WithRoot(repository.TrustedRoot);
            var key = layout == RepositoryLayout.Flat ? "flat" : "bins";
            var name = layout == RepositoryLayout.Flat ? "flat" : "hashed-bins";

            var first = await MeasureAsync(repository, store, HashedBinRefreshBenchmarks.WantedTarget);
            output.WriteLine(Row(name, "first (trusts root only)", first));
            figures.Add(Invariant($"refresh_{key}_bytes: {first.Bytes}"));
            firstUpdateBytes[layout] = first.Bytes;

            repository.PublishTimestamp();
            var timestampOnly = await MeasureAsync(repository, store, HashedBinRefreshBenchmarks.WantedTarget);
            output.WriteLine(Row(name, "next, only timestamp changed", timestampOnly));
            figures.Add(Invariant($"refresh_{key}_timestamp_only_bytes: {timestampOnly.Bytes}"));

            var added = repository.PublishRelease(HashedBinRefreshBenchmarks.ReleaseCount);
            var newRelease = await MeasureAsync(repository, store, added);
            output.WriteLine(Row(name, "next, one release added", newRelease));
            figures.Add(Invariant($"refresh_{key}_new_release_bytes: {newRelease.Bytes}"));

            WriteFileSizes(output, name, repository);
        }

        figures.Add(Invariant(
            $"refresh_bins_vs_flat_bytes_ratio: {(double)firstUpdateBytes[RepositoryLayout.HashedBins] / firstUpdateBytes[RepositoryLayout.Flat]:0.#####}"));
        output.WriteLine();
        foreach (var figure in figures)
        {
            output.WriteLine(figure);
        }
    }

    private static async Task<(int Requests, long Bytes)> MeasureAsync(AcmeRepository repository, InMemoryMetadataStore store, string targetPath)
    {
        repository.Files.ResetCounters();
        await HashedBinRefreshBenchmarks.UpdateAsync(repository, store, targetPath);
        return (repository.Files.Requests, repository.Files.BytesServed);
    }

    private static void WriteFileSizes(TextWriter output, string layout, AcmeRepository repository)
    {
        var bins = repository.TargetsRoles.Where(r => r.StartsWith($"{AcmeReleases.Vendor}-", StringComparison.Ordinal))
            .Select(repository.SizeOf).ToList();
        var sizes = Invariant($"  {layout} file sizes: snapshot {repository.SizeOf(RoleNames.Snapshot):N0}, targets {repository.SizeOf(RoleNames.Targets):N0}, {AcmeReleases.Vendor} {repository.SizeOf(AcmeReleases.Vendor):N0}");
        output.WriteLine(bins.Count == 0 ? sizes : Invariant($"{sizes}, {bins.Count} bins {bins.Min():N0}–{bins.Max():N0} (mean {bins.Average():N0})"));
    }

    private static string Row(string layout, string update, (int Requests, long Bytes) measured) =>
        Invariant($"{layout,-12}{update,-30}{measured.Requests,10}{measured.Bytes,14:N0}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
