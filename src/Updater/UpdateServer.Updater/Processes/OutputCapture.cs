using System.Text;

namespace UpdateServer.Updater.Processes;

/// <summary>
/// Drains one output stream of a process, keeping its first and its last <see cref="KeptChars"/> characters (the
/// version line a probe looks for is near the start, the error a hook dies with near the end) and counting what is
/// left out between them. The text can be taken at any time, also while the stream is still open.
/// </summary>
public sealed class OutputCapture
{
    public const int KeptChars = 32 * 1024;

    private readonly StringBuilder _head = new();
    private readonly StringBuilder _tail = new();
    private readonly Lock _lock = new();
    private long _omitted;

    private OutputCapture(StreamReader reader) => Completion = DrainAsync(reader);

    /// <summary>Completes when the stream ends (every process holding it open has closed it).</summary>
    public Task Completion { get; }

    public static OutputCapture Start(StreamReader reader) => new(reader);

    /// <summary>What was kept so far: the head, a marker saying how much was left out, the tail.</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _omitted == 0 && _tail.Length == 0 ? _head.ToString()
                    : _omitted == 0 ? string.Concat(_head.ToString(), _tail.ToString())
                    : $"{_head}\n[… {_omitted} characters left out …]\n{_tail}";
            }
        }
    }

    private async Task DrainAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        try
        {
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                Append(buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            // The process was disposed while something it started still held the stream: what was read is kept.
        }
    }

    private void Append(ReadOnlySpan<char> chunk)
    {
        lock (_lock)
        {
            var toHead = Math.Min(chunk.Length, KeptChars - _head.Length);
            _head.Append(chunk[..toHead]);
            _tail.Append(chunk[toHead..]);
            if (_tail.Length > KeptChars)
            {
                _omitted += _tail.Length - KeptChars;
                _tail.Remove(0, _tail.Length - KeptChars);
            }
        }
    }
}
