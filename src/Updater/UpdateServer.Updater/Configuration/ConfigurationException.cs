namespace UpdateServer.Updater.Configuration;

/// <summary>The configuration file is missing, unreadable or invalid; the message names the file and the key.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception inner) : base(message, inner) { }
}
