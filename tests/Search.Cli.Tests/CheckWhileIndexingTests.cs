using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Search.Cli.Tests;

/// <summary>
/// <see cref="SearchIndex.Check"/> while a <c>search index</c> child process commits every 50 documents: its writer
/// deletes the files of every commit it supersedes (segments merged away, and on the re-run segments whose documents
/// were all updated), and none of that may pass for damage. Every verdict must be healthy, or say the index changed too
/// often to be checked; never "damaged".
/// </summary>
public sealed class CheckWhileIndexingTests(ITestOutputHelper output)
{
    private const int Documents = 6_000;
    private const int CommitEvery = 50;
    private const int MaxChecksPerRun = 100;

    [Fact]
    public async Task Check_WhileAnotherProcessIndexesAndMerges_NeverReportsDamage()
    {
        using var workspace = new TempFolder();
        WriteDocuments(workspace, version: 1, every: 1);
        var verdicts = new List<Verdict>();

        await CheckWhileIndexingAsync(workspace, verdicts);
        // Changing every other file makes the re-run update half the documents: whole segments die and are deleted.
        WriteDocuments(workspace, version: 2, every: 2);
        await CheckWhileIndexingAsync(workspace, verdicts);

        Verdict[] damaged = [.. verdicts.Where(v => !v.Report.Healthy && !v.Report.Inconclusive)];
        Assert.True(damaged.Length == 0, $"{damaged.Length} of {verdicts.Count} checks reported damage on a healthy index: " +
            string.Join(" | ", damaged.Select(v => string.Join("; ", v.Report.Problems))));
        int whileWriting = verdicts.Count(v => v.WhileWriting);
        Assert.True(whileWriting > 0, "no check ran while the child process was indexing, so the test proved nothing");
        IndexCheckReport final = SearchIndex.Check(workspace.Combine("idx"));
        Assert.True(final.Healthy, string.Join("; ", final.Problems));
        Assert.Equal(Documents, final.Documents);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{verdicts.Count} checks, {whileWriting} while the child was writing, {verdicts.Count(v => v.Report.Inconclusive)} inconclusive"));
    }

    /// <summary>Runs <c>search index</c> in a child process and checks the index again and again until it exits (or the
    /// checks reach their bound), from its first commit on.</summary>
    private static async Task CheckWhileIndexingAsync(TempFolder workspace, List<Verdict> verdicts)
    {
        string index = workspace.Combine("idx");
        using IndexingChild child = IndexingChild.Start(workspace, "idx");
        await child.FirstCommit.WaitAsync(TimeSpan.FromMinutes(2));
        for (int checks = 0; checks < MaxChecksPerRun && !child.HasExited && SearchIndex.Exists(index); checks++)
        {
            IndexCheckReport report = SearchIndex.Check(index);
            verdicts.Add(new Verdict(report, WhileWriting: !child.HasExited));
        }
        int exitCode = await child.ExitAsync();
        Assert.True(exitCode == 0, $"search index failed: {child.Error}");
    }

    private static void WriteDocuments(TempFolder workspace, int version, int every)
    {
        for (int i = 0; i < Documents; i += every)
        {
            workspace.Write($"docs/{i / 500:D2}/{i:D5}.txt",
                Cli.Seed("2021-08-14", $"Title {i} v{version}", $"Body of document {i}, version {version}: marker{i} and some shared words."));
        }
    }

    private sealed record Verdict(IndexCheckReport Report, bool WhileWriting);

    /// <summary>A <c>search index --commit-every</c> child process; its log on stderr tells when the first commit is made.</summary>
    private sealed class IndexingChild : IDisposable
    {
        private readonly Process _process;
        private readonly Task _readingErrors;
        private readonly List<string> _error = [];
        private readonly TaskCompletionSource _firstCommit = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private IndexingChild(Process process)
        {
            _process = process;
            _readingErrors = Task.Run(ReadErrorsAsync);
        }

        /// <summary>Done when the process has logged a commit (or has ended, whichever comes first).</summary>
        public Task FirstCommit => _firstCommit.Task;

        public bool HasExited => _process.HasExited;

        public string Error
        {
            get
            {
                lock (_error)
                    return string.Join('\n', _error);
            }
        }

        public static IndexingChild Start(TempFolder workspace, string indexName)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workspace.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "Search.Cli.dll"), "index", "docs", "--index", indexName,
                "--commit-every", CommitEvery.ToString(CultureInfo.InvariantCulture), "--verbose" })
            {
                start.ArgumentList.Add(arg);
            }
            start.Environment.Remove(CliHost.IndexVariable);
            var child = new IndexingChild(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
            child._process.StandardInput.Close();
            _ = child._process.StandardOutput.ReadToEndAsync();
            return child;
        }

        public async Task<int> ExitAsync()
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            await _readingErrors;
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }

        private async Task ReadErrorsAsync()
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_error)
                    _error.Add(line);
                // The library's log line for a commit made during a sync: "Committed FOLDER on the way: N of M files durable".
                if (line.Contains("on the way", StringComparison.Ordinal))
                    _firstCommit.TrySetResult();
            }
            _firstCommit.TrySetResult();
        }
    }
}
