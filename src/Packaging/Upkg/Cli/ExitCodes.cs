namespace UpdateServer.Upkg.Cli;

/// <summary>The process exit codes of <c>upkg</c>; scripts may rely on them.</summary>
public static class ExitCodes
{
    /// <summary>The command did its work.</summary>
    public const int Success = 0;

    /// <summary>The command could not do its work (a file, a key, a package, the network or the server said no).</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or malformed value, inconsistent options.</summary>
    public const int Usage = 2;
}
