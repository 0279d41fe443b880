namespace UpdateServer.Upkg.Publish;

/// <summary>How much of an upload has been sent so far.</summary>
public readonly record struct UploadProgress(long BytesSent, long TotalBytes);
