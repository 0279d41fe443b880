using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace UpdateServer.Packaging.Packages;

/// <summary>
/// Writes <c>manifest.json</c> deterministically: fixed property order (formatVersion, product, version, kind,
/// description, hooks, applicability, files; per file path, type, then size, sha256, executable or target),
/// two-space indentation, minimal escaping, LF line ends whatever the OS, a final newline. Absent optional values
/// (description, hooks when none is set, applicability) are omitted rather than written as null.
/// </summary>
internal static class ManifestJsonWriter
{
    public static byte[] Write(PackageManifest manifest, JsonObject? applicability)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",

            // Readable text ("+", "<", non-ASCII as is); the manifest is never embedded in HTML or script.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("formatVersion", PackageManifest.CurrentFormatVersion);
            writer.WriteString("product", manifest.Product);
            writer.WriteString("version", manifest.Version.ToFullString());
            writer.WriteString("kind", PackageKindNames.ToJson(manifest.Kind));
            if (manifest.Description is not null)
            {
                writer.WriteString("description", manifest.Description);
            }

            if (!manifest.Hooks.IsEmpty)
            {
                writer.WriteStartObject("hooks");
                foreach (var (name, path) in manifest.Hooks.ByJsonName())
                {
                    writer.WriteString(name, path);
                }

                writer.WriteEndObject();
            }

            if (applicability is not null)
            {
                writer.WritePropertyName("applicability");
                applicability.WriteTo(writer);
            }

            writer.WriteStartArray("files");
            foreach (var entry in manifest.Files)
            {
                WriteEntry(writer, entry);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter writer, PackageFileEntry entry)
    {
        writer.WriteStartObject();
        writer.WriteString("path", entry.Path);
        if (entry.Type == PackageEntryType.File)
        {
            writer.WriteString("type", "file");
            writer.WriteNumber("size", entry.Size);
            writer.WriteString("sha256", entry.Sha256);
            writer.WriteBoolean("executable", entry.IsExecutable);
        }
        else
        {
            writer.WriteString("type", "symlink");
            writer.WriteString("target", entry.LinkTarget);
        }

        writer.WriteEndObject();
    }
}
