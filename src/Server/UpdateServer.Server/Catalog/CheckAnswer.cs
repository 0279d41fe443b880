namespace UpdateServer.Server.Catalog;

/// <summary>What a check request gets: the response as UTF-8 JSON, or the validation errors keyed by JSON path.</summary>
public readonly record struct CheckAnswer(byte[]? Response, Dictionary<string, string[]>? Errors);
