using Microsoft.Extensions.Logging;

namespace Search.Cli;

/// <summary>Writes the library's log to stderr under --verbose.</summary>
internal sealed class TextWriterLogger(TextWriter writer) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
            return;
        lock (writer)
            writer.WriteLine($"[{logLevel}] {formatter(state, exception)}");
    }
}
