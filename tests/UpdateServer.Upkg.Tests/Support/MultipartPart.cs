namespace UpdateServer.Upkg.Tests.Support;

/// <summary>One part of a multipart/form-data body as the fake server received it.</summary>
public sealed record MultipartPart(string Name, string? FileName, string? ContentType, byte[] Body);
