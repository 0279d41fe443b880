using System.Text.Json;
using UpdateServer.Packaging;

namespace UpdateServer.Updater.Installing;

/// <summary>Persists <see cref="InstallState"/> as JSON, replaced atomically so a power cut leaves the old or the new state.</summary>
public sealed class InstallStateStore(string path)
{
    public InstallState Load()
    {
        if (!File.Exists(path))
        {
            return InstallState.Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<InstallState>(File.ReadAllBytes(path), Options) ?? InstallState.Empty;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Install state {path} is corrupt: {e.Message}", e);
        }
    }

    public void Save(InstallState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        DurableFile.WriteAtomically(path, JsonSerializer.SerializeToUtf8Bytes(state, Options));
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
