namespace UpdateServer.Upkg.Publish;

/// <summary>Shows nothing: for <c>--json</c>, where stdout carries only the result.</summary>
public sealed class SilentUploadDisplay : IUploadDisplay
{
    public Task<T> ShowAsync<T>(string description, long totalBytes, Func<IProgress<UploadProgress>, Task<T>> upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        return upload(new Progress<UploadProgress>());
    }
}
