namespace UpdateServer.Updater.Checking;

/// <summary>The update server's API could not be reached or refused a request.</summary>
public sealed class ServerApiException : Exception
{
    public ServerApiException(string message) : base(message) { }

    public ServerApiException(string message, Exception inner) : base(message, inner) { }
}
