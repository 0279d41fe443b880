namespace UpdateServer.Packaging.Bulletins;

/// <summary>One entry of a bulletin's revision history: its number (1, 2, ...), when it was issued and what changed.</summary>
public sealed record BulletinRevision(int Number, DateTimeOffset Date, string Summary);
