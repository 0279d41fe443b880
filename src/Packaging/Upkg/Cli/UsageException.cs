namespace UpdateServer.Upkg.Cli;

/// <summary>The command line is wrong in a way only visible at run time; exit code <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message) : base(message) { }
}
