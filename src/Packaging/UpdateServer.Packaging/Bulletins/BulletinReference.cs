namespace UpdateServer.Packaging.Bulletins;

/// <summary>A link to more information (an http or https URL) and what it is.</summary>
public sealed record BulletinReference(Uri Url, string Summary);
