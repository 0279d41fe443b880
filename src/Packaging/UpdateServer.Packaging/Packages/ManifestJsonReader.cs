using System.Text.Json.Nodes;
using NuGet.Versioning;
using UpdateServer.Packaging.Canonical;
using UpdateServer.Packaging.Versions;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Reads <c>manifest.json</c> and <c>upkg.json</c> with the strict JSON parser, checking JSON types and refusing
/// unknown properties; every error names the document and the field.
/// </summary>
internal static class ManifestJsonReader
{
    private static readonly string[] TemplateProperties = ["product", "version", "kind", "description", "hooks", "applicability"];
    private static readonly string[] ManifestProperties = ["formatVersion", .. TemplateProperties, "files"];
    private static readonly string[] HookProperties = PackageHooks.None.ByJsonName().Select(hook => hook.Key).ToArray();
    private static readonly string[] FileProperties = ["path", "type", "size", "sha256", "executable"];
    private static readonly string[] SymlinkProperties = ["path", "type", "target"];

    public static PackageManifest ParseManifest(ReadOnlySpan<byte> utf8Json)
    {
        const string Document = PackageManifest.FileName;
        var root = ParseObject(utf8Json, Document);
        RefuseUnknown(root, ManifestProperties, Document, string.Empty);

        var formatVersion = RequiredInteger(root, "formatVersion", Document, string.Empty);
        if (formatVersion != PackageManifest.CurrentFormatVersion)
        {
            throw PackageManifest.Malformed(Document, $"\"formatVersion\" {formatVersion} is not supported; only {PackageManifest.CurrentFormatVersion} is");
        }

        var template = ReadTemplateFields(root, Document);
        if (root["files"] is not JsonArray files)
        {
            throw PackageManifest.Malformed(Document, root.ContainsKey("files") ? "\"files\" is not an array" : "\"files\" is missing");
        }

        if (files.Count > PackageManifest.MaxEntries - 1)
        {
            throw new PackageFormatException(
                PackageProblem.TooManyEntries, $"{Document}: \"files\" lists {files.Count} entries; at most {PackageManifest.MaxEntries - 1} are allowed");
        }

        var entries = new PackageFileEntry[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            entries[i] = ReadEntry(files[i], $"files[{i}]", Document);
        }

        return new PackageManifest(
            template.Product, template.Version, template.Kind, entries, template.Description, template.Hooks, template.Applicability, Document);
    }

    public static ManifestTemplate ParseTemplate(ReadOnlySpan<byte> utf8Json)
    {
        const string Document = ManifestTemplate.FileName;
        var root = ParseObject(utf8Json, Document);
        RefuseUnknown(root, TemplateProperties, Document, string.Empty);
        return ReadTemplateFields(root, Document);
    }

    private static JsonObject ParseObject(ReadOnlySpan<byte> utf8Json, string document)
    {
        try
        {
            return StrictJson.ParseObject(utf8Json);
        }
        catch (CanonicalJsonException e)
        {
            throw new PackageFormatException(PackageProblem.MalformedManifest, $"{document}: {e.Message}", null, e);
        }
    }

    private static ManifestTemplate ReadTemplateFields(JsonObject root, string document)
    {
        var product = RequiredString(root, "product", document, string.Empty);
        var productProblem = PackageManifest.FindProductProblem(product);
        if (productProblem is not null)
        {
            throw PackageManifest.Malformed(document, $"\"product\" {PackagePath.Quote(product)} {productProblem}");
        }

        var versionText = RequiredString(root, "version", document, string.Empty);
        if (!StrictVersion.TryParse(versionText, out NuGetVersion? version))
        {
            throw PackageManifest.Malformed(document, $"\"version\" {PackagePath.Quote(versionText)} is not a SemVer 2.0 version");
        }

        var kindText = RequiredString(root, "kind", document, string.Empty);
        if (!PackageKindNames.TryParse(kindText, out var kind))
        {
            throw PackageManifest.Malformed(document, $"\"kind\" {PackagePath.Quote(kindText)} is not one of platform, driver, upgrade, component");
        }

        var description = OptionalString(root, "description", document, string.Empty);
        var hooks = ReadHooks(root["hooks"], document);
        var applicability = root["applicability"] switch
        {
            null => null,
            JsonObject obj => obj.DeepClone().AsObject(),
            _ => throw PackageManifest.Malformed(document, "\"applicability\" is not an object"),
        };

        return new ManifestTemplate(product, version, kind, description, hooks, applicability);
    }

    private static PackageHooks ReadHooks(JsonNode? node, string document)
    {
        if (node is null)
        {
            return PackageHooks.None;
        }

        if (node is not JsonObject hooks)
        {
            throw PackageManifest.Malformed(document, "\"hooks\" is not an object");
        }

        RefuseUnknown(hooks, HookProperties, document, "hooks.");
        return new PackageHooks
        {
            PreInstall = OptionalString(hooks, "preInstall", document, "hooks."),
            Install = OptionalString(hooks, "install", document, "hooks."),
            PostInstall = OptionalString(hooks, "postInstall", document, "hooks."),
            HealthCheck = OptionalString(hooks, "healthCheck", document, "hooks."),
            Rollback = OptionalString(hooks, "rollback", document, "hooks."),
        };
    }

    private static PackageFileEntry ReadEntry(JsonNode? node, string where, string document)
    {
        if (node is not JsonObject entry)
        {
            throw PackageManifest.Malformed(document, $"{PackagePath.Quote(where)} is not an object");
        }

        var prefix = where + ".";
        var path = RequiredString(entry, "path", document, prefix);
        var type = RequiredString(entry, "type", document, prefix);
        switch (type)
        {
            case "file":
                RefuseUnknown(entry, FileProperties, document, prefix);
                var size = RequiredInteger(entry, "size", document, prefix);
                if (size < 0)
                {
                    throw PackageManifest.Malformed(document, $"\"{prefix}size\" {size} is negative");
                }

                var sha256 = RequiredString(entry, "sha256", document, prefix);
                if (!PackageFileEntry.IsSha256Hex(sha256))
                {
                    throw PackageManifest.Malformed(document, $"\"{prefix}sha256\" {PackagePath.Quote(sha256)} is not 64 lowercase hex digits");
                }

                if (entry["executable"] is not JsonValue executable || !executable.TryGetValue<bool>(out var isExecutable))
                {
                    throw PackageManifest.Malformed(document, $"\"{prefix}executable\" is missing or not true/false");
                }

                return PackageFileEntry.ForFile(path, size, sha256, isExecutable);
            case "symlink":
                RefuseUnknown(entry, SymlinkProperties, document, prefix);
                return PackageFileEntry.ForSymlink(path, RequiredString(entry, "target", document, prefix));
            default:
                throw PackageManifest.Malformed(document, $"\"{prefix}type\" {PackagePath.Quote(type)} is neither \"file\" nor \"symlink\"");
        }
    }

    private static void RefuseUnknown(JsonObject obj, string[] known, string document, string prefix)
    {
        foreach (var (name, _) in obj)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                throw PackageManifest.Malformed(document, $"unknown property \"{prefix}{name}\"");
            }
        }
    }

    private static string RequiredString(JsonObject obj, string name, string document, string prefix) =>
        OptionalString(obj, name, document, prefix) ?? throw PackageManifest.Malformed(document, $"\"{prefix}{name}\" is missing");

    private static string? OptionalString(JsonObject obj, string name, string document, string prefix) =>
        obj[name] switch
        {
            null => null,
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            _ => throw PackageManifest.Malformed(document, $"\"{prefix}{name}\" is not a string"),
        };

    private static long RequiredInteger(JsonObject obj, string name, string document, string prefix) =>
        obj[name] switch
        {
            null => throw PackageManifest.Malformed(document, $"\"{prefix}{name}\" is missing"),
            JsonValue value when value.TryGetValue<long>(out var number) => number,
            _ => throw PackageManifest.Malformed(document, $"\"{prefix}{name}\" is not an integer"),
        };
}
