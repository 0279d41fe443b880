using System.Text;
using UpdateServer.Packaging;
using UpdateServer.Packaging.Repository;
using UpdateServer.Packaging.Trust;
using UpdateServer.Packaging.Trust.Keys;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Keys;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// Sets up a new repository for the operator: signs root and targets with the offline keys, creates the online
/// snapshot and timestamp keys and one API key per vendor, and writes the server folder, the API key files and the
/// root to install on machines. Everything is read and checked before the first file is written; the server folder
/// appears whole (written aside, then renamed) and nothing existing is ever overwritten.
/// </summary>
public sealed class RepoInitRunner(TimeProvider time)
{
    public const string ServerFolder = "server";
    public const string ApiKeyFolder = "vendor-api-keys";
    public const string TrustedRootFile = "trusted-root.json";

    /// <exception cref="UpkgException">An input is wrong (key file, vendor name, threshold) or an output exists already.</exception>
    /// <exception cref="IOException">Writing failed; the files written so far are removed.</exception>
    public RepoInitResult Run(RepoInitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var serverDirectory = Path.Combine(options.OutDirectory, ServerFolder);
        if (Directory.Exists(serverDirectory) || File.Exists(serverDirectory))
        {
            throw new UpkgException($"{serverDirectory} already exists; refusing to overwrite a repository.");
        }

        var rootKeys = ReadRootKeys(options);
        var targetsKey = KeyFiles.ReadSigningKey(options.TargetsKeyFile);
        var vendors = ReadVendors(options.Vendors);
        var trustedRootPath = Path.Combine(options.OutDirectory, TrustedRootFile);
        var apiKeyPaths = vendors.ToDictionary(v => v.Name, v => Path.Combine(options.OutDirectory, ApiKeyFolder, v.Name + ".txt"), StringComparer.Ordinal);
        var operatorKeyPath = Path.Combine(options.OutDirectory, OperatorRepository.OperatorKeyFile);
        OutputFiles.RequireAbsent([trustedRootPath, operatorKeyPath, .. apiKeyPaths.Values]);

        var snapshotKey = SigningKey.Generate(KeyAlgorithm.Ed25519);
        var timestampKey = SigningKey.Generate(KeyAlgorithm.Ed25519);
        var root = InitialMetadata.Root(rootKeys, options.RootThreshold, targetsKey.PublicKey, snapshotKey.PublicKey, timestampKey.PublicKey,
            MetadataClock.ExpiresAfter(time, options.RootExpires), options.ConsistentSnapshot);
        var targets = InitialMetadata.Targets(targetsKey, [.. vendors.Select(v => (v.Name, v.Key))],
            MetadataClock.ExpiresAfter(time, options.TargetsExpires));

        // The same checks a server and every client make first (TUF spec 5.3.4, 5.6.3): refuse to hand out a broken root.
        root.VerifySignedBy(RoleNames.Root, root.Signed.Keys, root.Signed.RoleFor(RoleNames.Root));
        targets.VerifySignedBy(RoleNames.Targets, root.Signed.Keys, root.Signed.RoleFor(RoleNames.Targets));

        var apiKeys = vendors.ToDictionary(v => v.Name, _ => VendorRegistration.NewApiKey(), StringComparer.Ordinal);
        var registrations = vendors.Select(v => new VendorRegistration(v.Name, VendorRegistration.HashApiKey(apiKeys[v.Name])));
        var operatorKey = VendorRegistration.NewApiKey();
        var rootBytes = root.ToBytes();

        var files = new Dictionary<string, (byte[] Content, bool Secret)>(StringComparer.Ordinal)
        {
            [ServerRepositoryFiles.Root] = (rootBytes, false),
            [ServerRepositoryFiles.Targets] = (targets.ToBytes(), false),
            [ServerRepositoryFiles.Vendors] = (new VendorList(1, [.. registrations]).ToBytes(), false),
            [ServerRepositoryFiles.Operators] = (VendorRegistration.WriteList([new VendorRegistration("operator", VendorRegistration.HashApiKey(operatorKey))]), false),
            [ServerRepositoryFiles.SnapshotKey] = (Encoding.ASCII.GetBytes(snapshotKey.ToPem()), true),
            [ServerRepositoryFiles.TimestampKey] = (Encoding.ASCII.GetBytes(timestampKey.ToPem()), true),
        };

        // No newline in an API key file: its bytes are exactly the key, so their SHA-256 is the one in vendors.json.
        var handOuts = apiKeyPaths.Select(p => (Path: p.Value, Content: Encoding.UTF8.GetBytes(apiKeys[p.Key]), Secret: true))
            .Append((Path: trustedRootPath, Content: rootBytes, Secret: false))
            .Append((Path: operatorKeyPath, Content: Encoding.UTF8.GetBytes(operatorKey), Secret: true))
            .ToList();
        try
        {
            Write(options.OutDirectory, serverDirectory, files, handOuts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UpkgException($"cannot write the repository to {options.OutDirectory}: {e.Message}", e);
        }

        return Summarize(options, root.Signed, targets.Signed, vendors, apiKeyPaths);
    }

    /// <summary>
    /// Writes the server folder aside and renames it into place last, so a server never starts from half a folder;
    /// on failure, removes everything this run created.
    /// </summary>
    private static void Write(string outDirectory, string serverDirectory, Dictionary<string, (byte[] Content, bool Secret)> serverFiles,
        List<(string Path, byte[] Content, bool Secret)> handOuts)
    {
        var staging = Path.Combine(outDirectory, $".{ServerFolder}.partial-{Guid.NewGuid():N}");
        var created = new List<string>();
        var complete = false;
        try
        {
            Directory.CreateDirectory(staging);
            foreach (var (name, (content, secret)) in serverFiles)
            {
                CreateFile(Path.Combine(staging, name), content, secret);
            }

            foreach (var (path, content, secret) in handOuts)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                CreateFile(path, content, secret);
                created.Add(path);
            }

            Directory.Move(staging, serverDirectory);
            DurableFile.FlushDirectory(Path.GetFullPath(outDirectory));
            complete = true;
        }
        finally
        {
            if (!complete)
            {
                created.ForEach(File.Delete);
                if (Directory.Exists(staging))
                {
                    Directory.Delete(staging, recursive: true);
                }
            }
        }
    }

    private static void CreateFile(string path, byte[] content, bool secret)
    {
        if (secret)
        {
            OutputFiles.CreateSecret(path, content);
        }
        else
        {
            OutputFiles.Create(path, content);
        }
    }

    private static List<SigningKey> ReadRootKeys(RepoInitOptions options)
    {
        if (options.RootKeyFiles.Count == 0)
        {
            throw new UpkgException("at least one root key is needed (--root-key).");
        }

        var keys = new List<SigningKey>();
        foreach (var file in options.RootKeyFiles)
        {
            var key = KeyFiles.ReadSigningKey(file);
            if (keys.Any(k => k.KeyId == key.KeyId))
            {
                throw new UpkgException($"{file}: this root key is given twice; each root key must be a different key.");
            }

            keys.Add(key);
        }

        if (options.RootThreshold < 1 || options.RootThreshold > keys.Count)
        {
            throw new UpkgException($"--root-threshold {options.RootThreshold} must be between 1 and the number of root keys ({keys.Count}).");
        }

        return keys;
    }

    private static List<(string Name, TufKey Key)> ReadVendors(IReadOnlyList<VendorKeySpec> specs)
    {
        if (specs.Count == 0)
        {
            throw new UpkgException("at least one vendor is needed (--vendor NAME=PUBKEY).");
        }

        var vendors = new List<(string Name, TufKey Key)>();
        foreach (var spec in specs)
        {
            if (!VendorRegistration.IsValidName(spec.Name))
            {
                throw new UpkgException($"vendor name \"{spec.Name}\" is not valid: use 1-64 lowercase letters, digits and dashes, starting with a letter.");
            }

            if (RoleNames.IsTopLevel(spec.Name))
            {
                throw new UpkgException($"vendor name \"{spec.Name}\" is a TUF role name; choose another.");
            }

            if (vendors.Any(v => v.Name == spec.Name))
            {
                throw new UpkgException($"vendor \"{spec.Name}\" is given twice.");
            }

            vendors.Add((spec.Name, KeyFiles.ReadPublicKey(spec.PublicKeyFile)));
        }

        return vendors;
    }

    private static RepoInitResult Summarize(RepoInitOptions options, RootMetadata root, TargetsMetadata targets,
        List<(string Name, TufKey Key)> vendors, Dictionary<string, string> apiKeyPaths)
    {
        RepoRoleSummary Role(string name, DateTimeOffset? expires) =>
            new(name, root.RoleFor(name).KeyIds, root.RoleFor(name).Threshold, expires);

        string Relative(string path) => Path.GetRelativePath(options.OutDirectory, path).Replace('\\', '/');

        string[] serverFiles = [ServerRepositoryFiles.Root, ServerRepositoryFiles.Targets, ServerRepositoryFiles.Vendors,
            ServerRepositoryFiles.Operators, ServerRepositoryFiles.SnapshotKey, ServerRepositoryFiles.TimestampKey];
        return new RepoInitResult(
            options.OutDirectory,
            root.ConsistentSnapshot,
            [Role(RoleNames.Root, root.Expires), Role(RoleNames.Targets, targets.Expires), Role(RoleNames.Snapshot, null), Role(RoleNames.Timestamp, null)],
            [.. vendors.Select(v => new RepoVendorSummary(v.Name, v.Key.KeyId, [InitialMetadata.VendorPathPattern(v.Name)], Relative(apiKeyPaths[v.Name])))],
            [.. serverFiles.Select(f => $"{ServerFolder}/{f}"), .. apiKeyPaths.Values.Select(Relative), TrustedRootFile, OperatorRepository.OperatorKeyFile]);
    }
}
