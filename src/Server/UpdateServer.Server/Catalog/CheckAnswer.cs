namespace UpdateServer.Server.Catalog;

/// <summary>
/// What a check request gets: the response as UTF-8 JSON, with the device it was for and the ids of the bulletins found
/// affecting it; or the validation errors keyed by JSON path.
/// </summary>
public readonly record struct CheckAnswer(byte[]? Response, Dictionary<string, string[]>? Errors, string? DeviceId = null,
    IReadOnlyList<string>? AffectedBulletins = null);
