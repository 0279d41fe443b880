namespace UpdateServer.Upkg.Cli;

/// <summary>
/// A failure <c>upkg</c> reports as one line on stderr with exit code <see cref="ExitCodes.Failure"/>. The message is
/// complete on its own: it names the file, key, package or server answer concerned.
/// </summary>
public class UpkgException : Exception
{
    public UpkgException(string message) : base(message) { }

    public UpkgException(string message, Exception inner) : base(message, inner) { }
}
