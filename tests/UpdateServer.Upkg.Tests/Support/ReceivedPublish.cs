namespace UpdateServer.Upkg.Tests.Support;

/// <summary>A publish request as the fake server received it.</summary>
public sealed record ReceivedPublish(string Vendor, string? Authorization, long? ContentLength, IReadOnlyList<MultipartPart> Parts);
