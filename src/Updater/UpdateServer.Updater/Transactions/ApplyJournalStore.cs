using System.Text.Json;
using UpdateServer.Packaging;

namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Keeps the journal file. Every write goes to a temporary file that is fsynced, renamed over the journal, and the
/// folder fsynced (<see cref="DurableFile.WriteAtomically"/>), so after a power cut the journal names a phase that
/// really was reached, never a torn mix.
/// </summary>
public sealed class ApplyJournalStore(string path, FaultPoints faults)
{
    private const int MaxJournalBytes = 64 * 1024;

    public string Path { get; } = path;

    /// <summary>The unfinished transaction, or null when there is none.</summary>
    /// <exception cref="InvalidDataException">The journal is unreadable; nothing can be decided safely from it.</exception>
    public ApplyJournal? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(Path);
        try
        {
            return bytes.Length > MaxJournalBytes
                ? throw new InvalidDataException($"The journal {Path} is larger than {MaxJournalBytes} bytes.")
                : JsonSerializer.Deserialize<ApplyJournal>(bytes, Options) ?? throw new InvalidDataException($"The journal {Path} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The journal {Path} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Records <paramref name="journal"/> durably; a kill before it returns leaves the previous record.</summary>
    public ApplyJournal Save(ApplyJournal journal)
    {
        faults.Reach($"journal {journal.Phase}: before write");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        DurableFile.WriteAtomically(Path, JsonSerializer.SerializeToUtf8Bytes(journal, Options));
        faults.Reach($"journal {journal.Phase}: written");
        return journal;
    }

    /// <summary>Ends the transaction: removes the journal and flushes the folder.</summary>
    public void Delete()
    {
        faults.Reach("journal: before delete");
        File.Delete(Path);
        DurableFile.FlushDirectory(System.IO.Path.GetDirectoryName(Path)!);
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
