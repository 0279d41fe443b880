using UpdateServer.EndToEnd.Tests.Support;
using UpdateServer.Packaging.Trust;

namespace UpdateServer.EndToEnd.Tests.Processes;

/// <summary>A vendor with hashed bins: machines fetch the vendor role and one bin per update, whatever the vendor publishes.</summary>
public sealed class HashedBinTests(ProcessRepository repository) : IClassFixture<ProcessRepository>
{
    [Fact]
    public async Task MovesReleasesIntoBinsAndMachinesFetchOnlyTheBinsTheyNeed()
    {
        const string product = "acme.culture-platform";
        ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/1.0.0")));
        ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/2.0.0"), null, "--bins", "16"));
        for (var i = 0; i < 6; i++)
        {
            ProcessRepository.Succeeded(await repository.PublishAsync(await repository.PackAsync("culture-platform/1.0.0", $"acme.tool-{i}")));
        }

        var config = repository.Machine(product);
        ProcessRepository.Succeeded(await Apps.RunAsync(Apps.Updater, "apply", "--config", config));

        var metadata = Path.Combine(Path.GetDirectoryName(config)!, "data", "metadata");
        var vendorRole = Metadata.FromBytes<TargetsMetadata>(await File.ReadAllBytesAsync(Path.Combine(metadata, "acme.json"), TestContext.Current.CancellationToken));
        Assert.Empty(vendorRole.Signed.Targets);
        Assert.Equal(16, vendorRole.Signed.Delegations!.Roles.Count);
        Assert.Single(Directory.GetFiles(metadata, "acme.bin-*.json"));
        Assert.Equal(Path.Combine("versions", "2.0.0"), new FileInfo(Path.Combine(Path.GetDirectoryName(config)!, "install", product, "current")).LinkTarget);
    }
}
