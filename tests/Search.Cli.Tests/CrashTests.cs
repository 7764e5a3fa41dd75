using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Search.Querying;
using Xunit.Abstractions;

namespace Search.Cli.Tests;

/// <summary>
/// <c>search index</c> killed with SIGKILL at random moments: each time the index must open, pass CheckIndex, hold at least
/// what the process had reported durable (every document whole and only once), and a second <c>search index</c> must
/// finish the job with exactly one copy of every document. 20 kill moments by default; set <c>SEARCH_CRASH_KILLS</c>
/// (e.g. 200) for a long run, and <c>SEARCH_CRASH_SEED</c> to replay one.
/// </summary>
public sealed partial class CrashTests(ITestOutputHelper output)
{
    private const int Documents = 2_000;
    private const int CommitEvery = 100;

    [Fact]
    public async Task Index_KilledAtRandomMoments_KeepsEveryCommitAndTheRerunFinishesTheJob()
    {
        int kills = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_CRASH_KILLS"), CultureInfo.InvariantCulture, out int k) ? k : 20;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_CRASH_SEED"), CultureInfo.InvariantCulture, out int s) ? s : Environment.TickCount;
        var random = new Random(seed);
        using var workspace = new Workspace();
        for (int i = 0; i < Documents; i++)
            workspace.Write($"docs/{i / 100:D2}/{i:D4}.txt", Workspace.Seed("2021-08-14", $"Title {i}", $"Body of document {i}: marker{i} and some shared words."));

        // One run to the end gives the length of the indexing window that kill moments are drawn from.
        ChildRun full = await ChildRun.StartAsync(workspace, "full");
        await full.ExitAsync();
        Assert.True(full.ExitCode == 0, full.Error);
        TimeSpan window = full.IndexingTime;

        int none = 0, landedMidway = 0, all = 0;
        var clock = Stopwatch.StartNew();
        for (int kill = 0; kill < kills; kill++)
        {
            string name = $"kill{kill}";
            // The first quarter of the window is mostly start-up (finding files, compiling the indexing path): most
            // kills fall after it, where commits are being made.
            TimeSpan delay = window * (random.Next(5) == 0 ? random.NextDouble() * 0.25 : 0.25 + (random.NextDouble() * 0.75));
            ChildRun child = await ChildRun.StartAsync(workspace, name);
            await child.KillAfterAsync(delay);
            string context = $"seed {seed}, kill {kill} after {delay.TotalMilliseconds:0} ms of indexing";

            int found = CheckIndexAfterCrash(workspace.Combine(name), child.ClaimedDurable, context);
            if (found == 0)
                none++;
            else if (found < Documents)
                landedMidway++;
            else
                all++;

            CliRun rerun = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", name);
            Assert.True(rerun.ExitCode == 0, $"{context}: the rerun failed: {rerun.Error}");
            CheckComplete(workspace.Combine(name), context);
            Directory.Delete(workspace.Combine(name), recursive: true);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {kills} kills in {clock.Elapsed.TotalSeconds:0.0} s over a {window.TotalMilliseconds:0} ms indexing window; " +
            $"the index held no document {none} times, some {landedMidway} times, all {all} times; every check passed"));
    }

    /// <summary>Checks the index a killed process left; returns how many documents it holds.</summary>
    private static int CheckIndexAfterCrash(string indexPath, int claimedDurable, string context)
    {
        if (!SearchIndex.Exists(indexPath))
        {
            Assert.True(claimedDurable == 0, $"{context}: no index, but {claimedDurable} files were reported durable");
            return 0;
        }
        Search.Indexing.IndexCheckReport check = SearchIndex.Check(indexPath);
        Assert.True(check.Healthy, $"{context}: CheckIndex: {string.Join("; ", check.Problems)}");

        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        int count = (int)index.Count;
        Assert.True(count >= claimedDurable, $"{context}: {claimedDurable} files were reported durable, the index holds {count}");
        AssertEachDocumentOnceAndWhole(index, count, context);
        return count;
    }

    private static void CheckComplete(string indexPath, string context)
    {
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        Assert.True(index.Count == Documents, $"{context}: after the rerun the index holds {index.Count} of {Documents}");
        AssertEachDocumentOnceAndWhole(index, Documents, context);
        Assert.True(SearchIndex.Check(indexPath).Healthy, $"{context}: CheckIndex after the rerun");
    }

    /// <summary>Every document listed is one of the corpus, with its own title, and no id appears twice; a sample is found
    /// by the word only it holds.</summary>
    private static void AssertEachDocumentOnceAndWhole(SearchIndex index, int count, string context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        do
        {
            SearchResults page = index.Search(new SearchRequest("*") { Size = 1_000, After = after, Highlight = null });
            foreach (SearchHit hit in page.Hits)
            {
                Assert.True(seen.Add(hit.Id), $"{context}: {hit.Id} is in the index twice");
                int number = int.Parse(hit.Id.AsSpan(hit.Id.LastIndexOf('/') + 1), CultureInfo.InvariantCulture);
                Assert.True(hit.Title == $"Title {number}", $"{context}: {hit.Id} has the title '{hit.Title}'");
            }
            after = page.Next;
        }
        while (after is not null);
        Assert.True(seen.Count == count, $"{context}: listing found {seen.Count} documents, the count is {count}");
        foreach (string id in seen.Take(25))
        {
            string number = id[(id.LastIndexOf('/') + 1)..].TrimStart('0');
            SearchResults found = index.Search(new SearchRequest($"marker{(number.Length == 0 ? "0" : number)}") { Highlight = null });
            Assert.True(found.Hits.Count == 1 && found.Hits[0].Id == id, $"{context}: {id} is not found by its own word");
        }
    }

    /// <summary>A <c>search index</c> child process with its log on stderr, from which it learns what was reported durable.</summary>
    private sealed partial class ChildRun
    {
        private readonly Process _process;
        private readonly Task _readingErrors;
        private readonly List<string> _error = [];
        private readonly TaskCompletionSource<long> _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _claimed;
        private long _exitedAt;
        private long _finishedAt;

        private ChildRun(Process process)
        {
            _process = process;
            _readingErrors = Task.Run(ReadErrorsAsync);
        }

        public int ExitCode => _process.ExitCode;

        public string Error
        {
            get
            {
                lock (_error)
                    return string.Join('\n', _error);
            }
        }

        /// <summary>The most files the process said were durable (committed on the way, or at the end).</summary>
        public int ClaimedDurable => Volatile.Read(ref _claimed);

        /// <summary>From the index being opened to the final commit (or the process ending, if it logged none).</summary>
        public TimeSpan IndexingTime => Stopwatch.GetElapsedTime(_opened.Task.Result, _finishedAt != 0 ? _finishedAt : _exitedAt);

        public static async Task<ChildRun> StartAsync(Workspace workspace, string indexName)
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
            var run = new ChildRun(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
            run._process.StandardInput.Close();
            _ = run._process.StandardOutput.ReadToEndAsync();
            await Task.WhenAny(run._opened.Task, run._readingErrors).WaitAsync(TimeSpan.FromMinutes(1));
            return run;
        }

        public async Task ExitAsync()
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            _exitedAt = Stopwatch.GetTimestamp();
            await _readingErrors;
        }

        /// <summary>Sends SIGKILL <paramref name="delay"/> after the index was opened (or finds it already done).</summary>
        public async Task KillAfterAsync(TimeSpan delay)
        {
            await Task.Delay(delay);
            try
            {
                _process.Kill(); // SIGKILL on Unix: no handler, no flush, no finally
            }
            catch (InvalidOperationException)
            {
                // it had already finished
            }
            await ExitAsync();
        }

        private async Task ReadErrorsAsync()
        {
            while (await _process.StandardError.ReadLineAsync() is { } line)
            {
                lock (_error)
                    _error.Add(line);
                if (line.Contains("Opened index", StringComparison.Ordinal))
                    _opened.TrySetResult(Stopwatch.GetTimestamp());
                Match durable = DurablePattern().Match(line);
                if (durable.Success)
                    Volatile.Write(ref _claimed, Math.Max(_claimed, int.Parse(durable.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
                Match done = FinishedPattern().Match(line);
                if (done.Success)
                {
                    Volatile.Write(ref _claimed, Math.Max(_claimed, int.Parse(done.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)));
                    _finishedAt = Stopwatch.GetTimestamp();
                }
            }
            _opened.TrySetResult(Stopwatch.GetTimestamp());
        }

        // The library's log lines: "Committed FOLDER on the way: N of M files durable" and, after the final commit,
        // "Indexed FOLDER: A added, U updated, ...".
        [GeneratedRegex(@"on the way: ([\d,]+) of [\d,]+ files durable")]
        private static partial Regex DurablePattern();

        [GeneratedRegex(@"Indexed .*: ([\d,]+) added")]
        private static partial Regex FinishedPattern();
    }
}
