namespace UpdateServer.Updater.Tests;

/// <summary>Writes <c>/bin/sh</c> scripts for tests that run real processes, and tells whether a process still runs.</summary>
public static class ShellScript
{
    private const UnixFileMode Executable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Writes <c>#!/bin/sh</c> and <paramref name="body"/> to <paramref name="path"/>, executable unless told otherwise.</summary>
    public static string Write(string path, string body, bool executable = true)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/sh\n" + body.ReplaceLineEndings("\n") + "\n");
        if (executable && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Executable);
        }

        return path;
    }

    /// <summary>True while process <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Waits up to <paramref name="within"/> for process <paramref name="pid"/> to end; true when it has.</summary>
    public static async Task<bool> EndsAsync(int pid, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50, cancellationToken);
        }

        return true;
    }
}
