using System.Text;
using UpdateServer.Packaging.Repository;

namespace UpdateServer.Packaging.Tests.Repository;

/// <summary><c>vendors.json</c>: a numbered list of vendor names and API key hashes.</summary>
public class VendorListTests
{
    private static readonly string Hash = new('a', 64);
    private static readonly string OtherHash = new('b', 64);

    [Fact]
    public void ReadsWhatItWrites()
    {
        var list = new VendorList(3, [new VendorRegistration("acme", Hash), new VendorRegistration("globex-2", OtherHash)]);

        var read = VendorList.Read(list.ToBytes());

        Assert.Equal(3, read.Version);
        Assert.Equal(list.Vendors, read.Vendors);
    }

    [Theory]
    [InlineData("""[{"name": "acme", "apiKeySha256": "HASH"}]""", "version")]
    [InlineData("""{"vendors": []}""", "version")]
    [InlineData("""{"version": 0, "vendors": []}""", "version")]
    [InlineData("""{"version": 1}""", "vendors")]
    [InlineData("""{"version": 1, "vendors": [], "extra": 1}""", "extra")]
    [InlineData("""{"version": 1, "vendors": [{"name": "2026", "apiKeySha256": "HASH"}]}""", "\"2026\"")]
    [InlineData("""{"version": 1, "vendors": [{"name": "Acme", "apiKeySha256": "HASH"}]}""", "\"Acme\"")]
    [InlineData("""{"version": 1, "vendors": [{"name": "acme", "apiKeySha256": "HASH"}, {"name": "acme", "apiKeySha256": "OTHER"}]}""", "twice")]
    [InlineData("""{"version": 1, "vendors": [{"name": "acme", "apiKeySha256": "HASH"}, {"name": "globex", "apiKeySha256": "HASH"}]}""", "same API key")]
    public void RefusesAListThatIsNotVersionedAndValid(string json, string named)
    {
        var bytes = Encoding.UTF8.GetBytes(json.Replace("HASH", Hash, StringComparison.Ordinal).Replace("OTHER", OtherHash, StringComparison.Ordinal));

        var error = Assert.Throws<FormatException>(() => VendorList.Read(bytes));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("a", true)]
    [InlineData("acme-2", true)]
    [InlineData("2026", false)]
    [InlineData("9lives", false)]
    [InlineData("-acme", false)]
    [InlineData("acme.bin", false)]
    [InlineData("", false)]
    public void AcceptsOnlyNamesStartingWithALetter(string name, bool valid) =>
        Assert.Equal(valid, VendorRegistration.IsValidName(name));

    [Fact]
    public void ComparesListsRegardlessOfOrder()
    {
        var list = new VendorList(1, [new VendorRegistration("acme", Hash), new VendorRegistration("globex", OtherHash)]);

        Assert.True(list.ListsTheSameAs([new VendorRegistration("globex", OtherHash), new VendorRegistration("acme", Hash)]));
        Assert.False(list.ListsTheSameAs([new VendorRegistration("acme", OtherHash), new VendorRegistration("globex", Hash)]));
    }
}
