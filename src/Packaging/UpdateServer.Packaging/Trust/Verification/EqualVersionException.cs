namespace UpdateServer.Packaging.Trust;

/// <summary>
/// A new file holds the version already trusted. Not an attack by itself, and not a failure: the spec says to discard
/// the file and keep what is trusted — for timestamp 5.4.3.1, for a <c>N+1.root.json</c> that holds version N 5.3.5.
/// Since a mirror replaying genuine old files produces exactly this, callers first ask the other mirrors for a newer
/// copy and carry on with what is trusted only when none has one.
/// </summary>
public sealed class EqualVersionException : TufException
{
    public EqualVersionException(string role, long version) : base($"{role} version {version} is already trusted.")
    {
        Role = role;
        Version = version;
    }

    public string Role { get; }

    public long Version { get; }
}
