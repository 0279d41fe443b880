using BenchmarkDotNet.Running;
using UpdateServer.Benchmarks.Catalog;
using UpdateServer.Benchmarks.Reporting;
using UpdateServer.Benchmarks.Repository;
using UpdateServer.Benchmarks.Serving;
using UpdateServer.Benchmarks.Trust;

// BenchmarkDotNet's own command line (--filter '*', --job short, ...), plus modes that time nothing:
//   --bytes              metadata bytes: the 10,000-target file, and fetched per update (flat against hashed bins)
//   --write-root FILE    writes a valid root.json (for timing `updater init`, bench/measure-startup.sh)
//   --check-latency      median and p99 of one check against a 10,000-release catalog (bench/run-catalog.sh)
//   --check-request N FILE         writes the check request of a machine managing N products (bench/run.sh)
//   --seed-server DATA REPO KEY FILE  fills a server's data folder with the 10,000-release catalog and FILE as a target;
//                                     prints the target's URL path (bench/run.sh)
//   --kestrel-floor URL FILE       Kestrel alone answering every request with FILE's bytes, until stopped (bench/run.sh)
switch (args)
{
    case ["--bytes"]:
        await MetadataBytesReport.WriteAsync(Console.Out);
        return 0;
    case ["--write-root", var path]:
        await File.WriteAllBytesAsync(path, AcmeRepository.Publish(RepositoryLayout.Flat, releaseCount: 1).TrustedRoot);
        return 0;
    case ["--check-latency"]:
        CheckLatencyReport.Write(Console.Out);
        return 0;
    case ["--check-request", var products, var path]:
        await File.WriteAllBytesAsync(path, LargeCatalog.RequestBody(int.Parse(products, System.Globalization.CultureInfo.InvariantCulture)));
        return 0;
    case ["--seed-server", var data, var repository, var vendorKey, var largeTarget]:
        Console.WriteLine(await ServerSeeding.SeedAsync(data, repository, vendorKey, largeTarget));
        return 0;
    case ["--kestrel-floor", var url, var responseFile]:
        await KestrelFloor.RunAsync(url, responseFile);
        return 0;
    default:
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(KeyFigures).Assembly).Run(args).ToList();
        return KeyFigures.Write(summaries, Console.Out) ? 0 : 1;
}
