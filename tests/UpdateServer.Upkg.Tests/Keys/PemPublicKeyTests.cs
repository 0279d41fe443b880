using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;
using UpdateServer.Upkg.Tests.Support;

namespace UpdateServer.Upkg.Tests.Keys;

public sealed class PemPublicKeyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.RsaPss)]
    public async Task GivesAPemPublicKeyTheKeyIdItsOwnerSees(KeyAlgorithm algorithm)
    {
        var key = SigningKey.Generate(algorithm);

        // Written with CRLF line ends, as a Windows editor might save it: the keyid must not change.
        var path = _folder["vendor.pem"];
        await File.WriteAllTextAsync(path, key.PublicKey.PublicValue.Replace("\n", "\r\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var read = KeyFiles.ReadPublicKey(path);

        Assert.Equal(key.KeyId, read.KeyId);
        Assert.Equal(key.PublicKey.Scheme, read.Scheme);
    }

    [Fact]
    public async Task RefusesEd25519KeysInPemForm()
    {
        var path = _folder["vendor.pem"];
        await File.WriteAllTextAsync(path, """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
            -----END PUBLIC KEY-----
            """, TestContext.Current.CancellationToken);

        var error = Assert.Throws<UpkgException>(() => KeyFiles.ReadPublicKey(path));

        Assert.Contains("TUF key JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadsTheTufKeyJsonKeygenWrites()
    {
        var key = SigningKey.Generate();
        var path = _folder["vendor.pub.json"];
        await File.WriteAllBytesAsync(path, KeyFiles.PublicKeyJson(key.PublicKey), TestContext.Current.CancellationToken);

        Assert.Equal(key.KeyId, KeyFiles.ReadPublicKey(path).KeyId);
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("{\"keytype\": \"ed25519\"}")]
    [InlineData("{\"keytype\": \"dsa\", \"scheme\": \"dsa\", \"keyval\": {\"public\": \"00\"}}")]
    public async Task RefusesFilesThatAreNotUsablePublicKeys(string content)
    {
        var path = _folder["vendor.pub.json"];
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);

        var error = Assert.Throws<UpkgException>(() => KeyFiles.ReadPublicKey(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }
}
