using Microsoft.Extensions.Logging;

namespace UpdateServer.Updater.Cli;

/// <summary>Writes log entries as single lines to a writer (stderr); used only with --verbose.</summary>
internal sealed class LineLoggerProvider(TextWriter writer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(writer, categoryName);

    public void Dispose() { }

    private sealed class LineLogger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel.ToString().ToLowerInvariant()}: {category[(category.LastIndexOf('.') + 1)..]}: {formatter(state, exception)}";
            lock (writer)
            {
                writer.WriteLine(exception is null ? line : $"{line} ({exception.Message})");
            }
        }
    }
}
