namespace UpdateServer.Updater.Transactions;

/// <summary>
/// Flushes a freshly written folder tree to disk — every file, then every folder bottom-up — so that once the
/// journal says "verified", a power cut cannot leave the version's files empty or short.
/// </summary>
public static class DurableTree
{
    public static void Flush(string root, FaultPoints faults)
    {
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (new FileInfo(file).LinkTarget is not null)
            {
                continue;
            }

            using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
            {
                stream.Flush(flushToDisk: true);
            }

            faults.Reach($"staged file {Path.GetRelativePath(root, file)}");
        }

        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
        {
            Packaging.DurableFile.FlushDirectory(folder);
        }

        Packaging.DurableFile.FlushDirectory(root);
    }
}
