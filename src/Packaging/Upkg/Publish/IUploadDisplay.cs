namespace UpdateServer.Upkg.Publish;

/// <summary>Shows the progress of an upload while it runs.</summary>
public interface IUploadDisplay
{
    /// <summary>Runs <paramref name="upload"/>, showing the progress it reports.</summary>
    Task<T> ShowAsync<T>(string description, long totalBytes, Func<IProgress<UploadProgress>, Task<T>> upload);
}
