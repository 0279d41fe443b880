namespace UpdateServer.Updater.Checking;

/// <summary>The update server's API could not be reached or refused a request.</summary>
public sealed class ServerApiException : Exception
{
    public ServerApiException(string message) : base(message) { }

    public ServerApiException(string message, Exception inner) : base(message, inner) { }

    public ServerApiException(string message, int statusCode) : base(message) => StatusCode = statusCode;

    /// <summary>The HTTP status the server answered with; null when it could not be reached.</summary>
    public int? StatusCode { get; }

    /// <summary>True when the server judged the request itself invalid (400, 413, 422): sending it again cannot help.</summary>
    public bool IsRefusal => StatusCode is 400 or 413 or 422;
}
