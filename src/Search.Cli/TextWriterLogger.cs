using Microsoft.Extensions.Logging;

namespace Search.Cli;

/// <summary>Writes the library's log to stderr under --verbose (and a server's warnings and errors always).</summary>
internal sealed class TextWriterLogger(TextWriter writer, LogLevel minimum = LogLevel.Debug) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        lock (writer)
            writer.WriteLine($"[{logLevel}] {formatter(state, exception)}");
    }
}

/// <summary>Hands out <see cref="TextWriterLogger"/>s for a host's logging.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new TextWriterLogger(writer, minimum);

    public void Dispose()
    {
    }
}
