using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Search.Cli.Output;

/// <summary>Shows indexing progress on stderr: a live bar on a terminal, a plain line every few seconds otherwise.</summary>
internal static class ProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    public static async Task<IndexReport> RunAsync(CliHost host, string folder, Func<IProgress<IndexProgress>, Task<IndexReport>> run)
    {
        if (!host.ErrorIsTerminal)
            return await run(new PlainLines(host.Error, TerminalText.Line(folder))).ConfigureAwait(false);

        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            // Spectre draws the bar with escape codes of its own, so it writes underneath the sanitising writer.
            Out = new AnsiConsoleOutput(TerminalWriter.Unwrap(host.Error)),
            Interactive = InteractionSupport.Yes,
        });
        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape($"Indexing {TerminalText.Line(folder)}"), maxValue: 1);
                long started = Stopwatch.GetTimestamp();
                var bar = new Callback(p =>
                {
                    double seconds = Math.Max(Stopwatch.GetElapsedTime(started).TotalSeconds, 1e-3);
                    task.MaxValue = Math.Max(1, p.FilesTotal);
                    task.Value = p.FilesDone;
                    task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                        $"{p.FilesDone:N0}/{p.FilesTotal:N0} files, {p.FilesDone / seconds:N0} files/s"));
                });
                return await run(bar).ConfigureAwait(false);
            }).ConfigureAwait(false);
    }

    /// <summary>Reports on the indexing thread itself; the library already throttles reports.</summary>
    private sealed class Callback(Action<IndexProgress> report) : IProgress<IndexProgress>
    {
        public void Report(IndexProgress value) => report(value);
    }

    private sealed class PlainLines(TextWriter error, string folder) : IProgress<IndexProgress>
    {
        private readonly object _sync = new();
        private readonly long _started = Stopwatch.GetTimestamp();
        private long _lastLine = Stopwatch.GetTimestamp();

        public void Report(IndexProgress value)
        {
            lock (_sync)
            {
                if (Stopwatch.GetElapsedTime(_lastLine) < PlainInterval || value.FilesDone == value.FilesTotal)
                    return;
                _lastLine = Stopwatch.GetTimestamp();
                double seconds = Math.Max(Stopwatch.GetElapsedTime(_started).TotalSeconds, 1e-3);
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Indexing {folder}: {value.FilesDone:N0}/{value.FilesTotal:N0} files ({100.0 * value.FilesDone / Math.Max(1, value.FilesTotal):0}%), {value.FilesDone / seconds:N0} files/s"));
            }
        }
    }
}
