namespace UpdateServer.Packaging.Bulletins;

/// <summary>A bulletin document (or a bulletin target's custom facts) breaks a rule; the message names the field.</summary>
public sealed class BulletinFormatException(string message, Exception? inner = null) : Exception(message, inner);
