using Microsoft.Extensions.Logging;

namespace Search.Cli;

/// <summary>Writes the library's log to stderr under --verbose (and a server's warnings and errors always).</summary>
internal sealed class TextWriterLogger(TextWriter writer, LogLevel minimum = LogLevel.Debug, bool details = true) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        // The reason is always shown; the stack trace only when asked for (--verbose).
        string reason = exception is null ? string.Empty : details ? Environment.NewLine + exception : $": {exception.GetType().Name}: {exception.Message}";
        lock (writer)
            writer.WriteLine($"[{logLevel}] {formatter(state, exception)}{reason}");
    }
}

/// <summary>Hands out <see cref="TextWriterLogger"/>s for a host's logging.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum, bool details) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(writer, minimum, details);

    public void Dispose()
    {
    }
}
