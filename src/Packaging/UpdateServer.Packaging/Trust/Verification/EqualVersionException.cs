namespace UpdateServer.Packaging.Trust;

/// <summary>
/// The new timestamp has the same version as the trusted one. Not an attack: spec 5.4.3.1 says to discard the
/// new file and keep what is trusted, which callers do on seeing this.
/// </summary>
public sealed class EqualVersionException : TufException
{
    public EqualVersionException(string role, long version) : base($"{role} version {version} is already trusted.") { }
}
