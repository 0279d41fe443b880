using System.Text;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// Changes one vendor's delegation in the next targets version (pending, to be signed by the targets keys): add a
/// vendor, replace its key (revoking the old one), or remove it; or hands a vendor a new API key. New API keys wait in
/// <c>pending/vendor-api-keys/</c> with the pending vendor list, so the key file a vendor is handed always matches the
/// committed list. Other vendors' delegations, keys and API keys are never touched.
/// </summary>
public sealed class RepoVendorRunner(TimeProvider time)
{
    public const string Add = "add";
    public const string SetKey = "set-key";
    public const string Remove = "remove";
    public const string NewApiKey = "new-api-key";

    /// <exception cref="UpkgException">The vendor exists (add) or does not (others), or a key file is unusable.</exception>
    public RepoChangeResult Run(string action, string repositoryDirectory, string vendor, string? publicKeyFile, TimeSpan expires)
    {
        var repository = new OperatorRepository(repositoryDirectory);
        if (!VendorRegistration.IsValidName(vendor) || RoleNames.IsTopLevel(vendor))
        {
            throw new UpkgException(
                $"vendor name \"{vendor}\" is not valid: use 1-64 lowercase letters, digits and dashes, starting with a letter, not a TUF role name.");
        }

        var targets = repository.WorkingTargets.Signed;
        var delegations = targets.Delegations ?? new Delegations(new Dictionary<string, Packaging.Trust.Keys.TufKey>(), []);
        var exists = delegations.Find(vendor) is not null;
        if (exists == (action == Add))
        {
            throw new UpkgException(exists ? $"vendor \"{vendor}\" exists already." : $"vendor \"{vendor}\" does not exist.");
        }

        var written = new List<string>();
        var vendors = repository.WorkingVendors.Vendors.ToList();
        if (action == NewApiKey)
        {
            written.Add(WriteApiKey(repository, vendor, vendors));
            repository.WritePendingVendors(vendors);
            written.Add(repository.PendingVendorsPath);
            return RepoChangeResult.Describe(repository, written);
        }

        var keys = new Dictionary<string, Packaging.Trust.Keys.TufKey>(delegations.Keys, StringComparer.Ordinal);
        var roles = delegations.Roles.ToList();
        if (action == Remove)
        {
            roles.RemoveAll(r => r.Name == vendor);
            vendors.RemoveAll(v => v.Name == vendor);

            // An API key an uncommitted change made for the vendor is no one's to hand out any more.
            var pendingApiKey = Path.Combine(repository.PendingApiKeyDirectory, vendor + ".txt");
            if (File.Exists(pendingApiKey))
            {
                File.Delete(pendingApiKey);
            }
        }
        else
        {
            var key = KeyFiles.ReadPublicKey(publicKeyFile ?? throw new UsageException($"'{action}' needs --key PUBKEY."));
            keys[key.KeyId] = key;
            var role = new DelegatedRole(vendor, new RoleKeys([key.KeyId], 1), terminating: true, [InitialMetadata.VendorPathPattern(vendor)], null);
            var index = roles.FindIndex(r => r.Name == vendor);
            if (index >= 0)
            {
                roles[index] = role;
            }
            else
            {
                roles.Add(role);
                written.Add(WriteApiKey(repository, vendor, vendors));
            }
        }

        var used = roles.SelectMany(r => r.Keys.KeyIds).ToHashSet(StringComparer.Ordinal);
        var next = Metadata.Create(targets with
        {
            Version = repository.CurrentTargets.Signed.Version + 1,
            Expires = MetadataClock.ExpiresAfter(time, expires),
            Delegations = new Delegations(keys.Where(k => used.Contains(k.Key)).ToDictionary(StringComparer.Ordinal), roles),
        });
        written.Add(repository.WritePending(next, RoleNames.Targets));
        repository.WritePendingVendors(vendors);
        written.Add(repository.PendingVendorsPath);
        return RepoChangeResult.Describe(repository, written);
    }

    /// <summary>
    /// Writes a fresh API key for the vendor (owner-only file) to <c>pending/vendor-api-keys/</c>, replacing one an
    /// earlier uncommitted change made, and puts its hash into <paramref name="vendors"/>.
    /// </summary>
    private static string WriteApiKey(OperatorRepository repository, string vendor, List<VendorRegistration> vendors)
    {
        var apiKey = VendorRegistration.NewApiKey();
        var path = Path.Combine(repository.PendingApiKeyDirectory, vendor + ".txt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".new-" + Guid.NewGuid().ToString("N");
        OutputFiles.CreateSecret(temp, Encoding.UTF8.GetBytes(apiKey));
        File.Move(temp, path, overwrite: true);
        vendors.RemoveAll(v => v.Name == vendor);
        vendors.Add(new VendorRegistration(vendor, VendorRegistration.HashApiKey(apiKey)));
        return path;
    }
}
