using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Search.Cli.Tests;

/// <summary>
/// <c>search index</c> in a child process, interrupted at random moments by SIGKILL, SIGINT or SIGTERM while it builds a new
/// index with paced commits, updates every document of an index without them, or rebuilds one. Each time, what is
/// committed must be the last commit before the run or a commit the run made on purpose: a new index holds at least what
/// the process had reported durable, an update or rebuild leaves every document at the old version or every one at the
/// new, never a mixture and never fewer; CheckIndex is clean, every document whole and only once; and a second
/// <c>search index</c> finishes the job. 24 interruptions by default; set <c>SEARCH_CRASH_KILLS</c> (e.g. 200) for a long
/// run, and <c>SEARCH_CRASH_SEED</c> to replay one.
/// </summary>
public sealed partial class CrashTests(ITestOutputHelper output)
{
    private const int Documents = 2_000;
    private const int CommitEvery = 100;
    private const string OldIndex = "old";

    private enum Scenario
    {
        NewIndex,
        Update,
        Rebuild,
    }

    private enum Signal
    {
        Kill,
        Interrupt,
        Terminate,
    }

    private enum Outcome
    {
        Old,
        Midway,
        Finished,
    }

    [Fact]
    public async Task Index_InterruptedAtRandomMoments_CommitsOnlyWhatItMeantToAndTheRerunFinishesTheJob()
    {
        int interruptions = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_CRASH_KILLS"), CultureInfo.InvariantCulture, out int k) ? k : 24;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("SEARCH_CRASH_SEED"), CultureInfo.InvariantCulture, out int s) ? s : Environment.TickCount;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        using var workspace = new TempFolder();

        // One run of each scenario to the end gives the length of its indexing window, which moments are drawn from. The
        // first builds, at version A, the index the update and rebuild scenarios start from (a copy each time is cheaper
        // than indexing it again); the files are then rewritten at version B for every run that follows.
        var windows = new Dictionary<Scenario, TimeSpan>();
        WriteDocuments(workspace, revised: false);
        foreach (Scenario scenario in Enum.GetValues<Scenario>())
        {
            string name = scenario == Scenario.NewIndex ? OldIndex : $"measure-{scenario}";
            Prepare(workspace, scenario, name);
            ChildRun full = await ChildRun.StartAsync(workspace, name, scenario);
            await full.ExitAsync();
            Assert.True(full.ExitCode == 0 && full.Finished, $"{Label(scenario)} run to the end: {full.Error}");
            CheckComplete(workspace.Combine(name), revised: scenario != Scenario.NewIndex, $"seed {seed}, {Label(scenario)} run to the end");
            windows[scenario] = full.IndexingTime;
            if (scenario == Scenario.NewIndex)
                WriteDocuments(workspace, revised: true);
            else
                Directory.Delete(workspace.Combine(name), recursive: true);
        }

        // Each nine runs take every scenario with every signal once, in a random order, so even a short run covers them all.
        (Scenario, Signal)[] pairs = [.. Enum.GetValues<Scenario>().SelectMany(scenario => Enum.GetValues<Signal>().Select(signal => (scenario, signal)))];
        var outcomes = new Dictionary<(Scenario, Signal, Outcome), int>();
        for (int run = 0; run < interruptions; run++)
        {
            if (run % pairs.Length == 0)
                random.Shuffle(pairs);
            (Scenario scenario, Signal signal) = pairs[run % pairs.Length];
            // The first quarter of the window is mostly start-up (finding files, compiling the indexing path, reading the
            // old index's hashes): most interruptions fall after it, where documents are written and committed.
            TimeSpan delay = windows[scenario] * (random.Next(5) == 0 ? random.NextDouble() * 0.25 : 0.25 + (random.NextDouble() * 0.75));
            string name = $"run{run}";
            Prepare(workspace, scenario, name);
            ChildRun child = await ChildRun.StartAsync(workspace, name, scenario);
            await child.InterruptAfterAsync(delay, signal);
            string context = string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}, run {run}: {Label(scenario)} sent {Label(signal)} after {delay.TotalMilliseconds:0} ms of indexing, exit code {child.ExitCode}");

            Outcome outcome = scenario == Scenario.NewIndex
                ? CheckNewIndexAfterInterruption(workspace.Combine(name), child, context)
                : CheckAllOrNothing(workspace.Combine(name), child, signal, context);
            outcomes[(scenario, signal, outcome)] = outcomes.GetValueOrDefault((scenario, signal, outcome)) + 1;

            RunResult rerun = await Cli.RunAsync(workspace.Path, "index", "docs", "--index", name);
            Assert.True(rerun.ExitCode == 0, $"{context}: the rerun failed: {rerun.Error}");
            CheckComplete(workspace.Combine(name), revised: true, $"{context}, after the rerun");
            Directory.Delete(workspace.Combine(name), recursive: true);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {interruptions} interruptions in {clock.Elapsed.TotalSeconds:0.0} s; indexing windows: new index " +
            $"{windows[Scenario.NewIndex].TotalMilliseconds:0} ms, update {windows[Scenario.Update].TotalMilliseconds:0} ms, " +
            $"rebuild {windows[Scenario.Rebuild].TotalMilliseconds:0} ms; every check passed"));
        foreach (Scenario scenario in Enum.GetValues<Scenario>())
        {
            foreach (Signal signal in Enum.GetValues<Signal>())
            {
                int Count(Outcome outcome) => outcomes.GetValueOrDefault((scenario, signal, outcome));
                string midway = scenario == Scenario.NewIndex ? $", midway {Count(Outcome.Midway)}" : string.Empty;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Label(scenario)}, {Label(signal)}: {Count(Outcome.Old) + Count(Outcome.Midway) + Count(Outcome.Finished)} interruptions; " +
                    $"old state {Count(Outcome.Old)}{midway}, finished {Count(Outcome.Finished)}"));
            }
        }
    }

    private static string Label(Scenario scenario) => scenario switch
    {
        Scenario.NewIndex => "new index",
        Scenario.Update => "update",
        _ => "rebuild",
    };

    private static string Label(Signal signal) => signal switch
    {
        Signal.Kill => "SIGKILL",
        Signal.Interrupt => "SIGINT",
        _ => "SIGTERM",
    };

    /// <summary>Version A titles each document "Title N" and marks its body "editionalpha"; version B adds "revised" to the
    /// title and marks the body "editionbravo".</summary>
    private static void WriteDocuments(TempFolder workspace, bool revised)
    {
        for (int i = 0; i < Documents; i++)
        {
            workspace.Write($"docs/{i / 100:D2}/{i:D4}.txt", revised
                ? Cli.Seed("2021-08-15", $"Title {i} revised", $"Body of document {i}: marker{i} editionbravo and some shared words, revised.")
                : Cli.Seed("2021-08-14", $"Title {i}", $"Body of document {i}: marker{i} editionalpha and some shared words."));
        }
    }

    /// <summary>A new index starts from nothing; an update or rebuild from a copy of the old index.</summary>
    private static void Prepare(TempFolder workspace, Scenario scenario, string name)
    {
        if (scenario == Scenario.NewIndex)
            return;
        string target = workspace.Combine(name);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.EnumerateFiles(workspace.Combine(OldIndex)))
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
    }

    /// <summary>Checks the new index an interrupted process left: at least what it had reported durable, all of version B.</summary>
    private static Outcome CheckNewIndexAfterInterruption(string indexPath, ChildRun child, string context)
    {
        if (!SearchIndex.Exists(indexPath))
        {
            Assert.True(child.ClaimedDurable == 0, $"{context}: no index, but {child.ClaimedDurable} files were reported durable");
            return Outcome.Old;
        }
        AssertHealthy(indexPath, context);
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        (int old, int revised) = CountVersions(index, context);
        Assert.True(old == 0, $"{context}: a new index holds {old} documents of a version it never saw");
        Assert.True(revised >= child.ClaimedDurable, $"{context}: {child.ClaimedDurable} files were reported durable, the index holds {revised}");
        if (child.ExitCode == 0 || child.Finished)
            Assert.True(revised == Documents, $"{context}: the run finished, but the index holds {revised} of {Documents}");
        return revised == 0 ? Outcome.Old : revised < Documents ? Outcome.Midway : Outcome.Finished;
    }

    /// <summary>Checks an updated or rebuilt index an interrupted process left: all 2,000 documents, every one at version A
    /// (the commit before the run) or every one at version B (the run's own final commit), never a mixture.</summary>
    private static Outcome CheckAllOrNothing(string indexPath, ChildRun child, Signal signal, string context)
    {
        Assert.True(SearchIndex.Exists(indexPath), $"{context}: the index is gone");
        AssertHealthy(indexPath, context);
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        (int old, int revised) = CountVersions(index, context);
        Assert.True(old + revised == Documents, $"{context}: the index holds {old + revised} of {Documents} documents");
        Assert.True(old == Documents || revised == Documents, $"{context}: {old} documents at the old version and {revised} at the new");
        if (child.ExitCode == 0 || child.Finished)
            Assert.True(revised == Documents, $"{context}: the run finished, but the index holds the old version");
        // A signal the CLI handles cancels the run, which then commits nothing; only a signal that came after the run had
        // ended (and its handler with it) can leave an interrupted exit code on a finished index. SIGKILL can land during or
        // after the final commit, so it may leave either.
        if (signal != Signal.Kill && child.ExitCode is 130 or 143 && !child.Finished)
            Assert.True(old == Documents, $"{context}: the run was interrupted, but the index holds the new version");
        return revised == Documents ? Outcome.Finished : Outcome.Old;
    }

    /// <summary>Checks that the index holds exactly the 2,000 documents, all at version B (or A).</summary>
    private static void CheckComplete(string indexPath, bool revised, string context)
    {
        using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true });
        (int atA, int atB) = CountVersions(index, context);
        Assert.True((revised ? atB : atA) == Documents && atA + atB == Documents,
            $"{context}: the index holds {atA} documents at version A and {atB} at version B, of {Documents} at version {(revised ? 'B' : 'A')}");
        AssertHealthy(indexPath, context);
    }

    private static void AssertHealthy(string indexPath, string context)
    {
        IndexCheckReport check = SearchIndex.Check(indexPath);
        Assert.True(check.Healthy, $"{context}: CheckIndex: {string.Join("; ", check.Problems)}");
    }

    /// <summary>Lists every document: each is one of the corpus, listed once, with the title of version A or B and the body
    /// of the same version (counted by each version's word); a sample is found by the word only it holds. Returns how many
    /// are at each version.</summary>
    private static (int Old, int Revised) CountVersions(SearchIndex index, string context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int old = 0, revised = 0;
        string? after = null;
        do
        {
            SearchResults page = index.Search(new SearchRequest("*") { Size = 1_000, After = after, Highlight = null });
            foreach (SearchHit hit in page.Hits)
            {
                Assert.True(seen.Add(hit.Id), $"{context}: {hit.Id} is in the index twice");
                int number = int.Parse(hit.Id.AsSpan(hit.Id.LastIndexOf('/') + 1), CultureInfo.InvariantCulture);
                if (hit.Title == $"Title {number}")
                    old++;
                else if (hit.Title == $"Title {number} revised")
                    revised++;
                else
                    Assert.Fail($"{context}: {hit.Id} has the title '{hit.Title}'");
            }
            after = page.Next;
        }
        while (after is not null);
        Assert.True(seen.Count == index.Count, $"{context}: listing found {seen.Count} documents, the count is {index.Count}");
        long oldBodies = index.Search(new SearchRequest("editionalpha") { Size = 1, Highlight = null }).TotalHits;
        long revisedBodies = index.Search(new SearchRequest("editionbravo") { Size = 1, Highlight = null }).TotalHits;
        Assert.True(oldBodies == old && revisedBodies == revised,
            $"{context}: {old} old and {revised} new titles, but {oldBodies} old and {revisedBodies} new bodies");
        foreach (string id in seen.Take(25))
        {
            string number = id[(id.LastIndexOf('/') + 1)..].TrimStart('0');
            SearchResults found = index.Search(new SearchRequest($"marker{(number.Length == 0 ? "0" : number)}") { Highlight = null });
            Assert.True(found.Hits.Count == 1 && found.Hits[0].Id == id, $"{context}: {id} is not found by its own word");
        }
        return (old, revised);
    }

    /// <summary>A <c>search index</c> child process with its log on stderr, from which it learns what was reported durable
    /// and whether the run got to its end.</summary>
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

        /// <summary>The most files the process said were durable (committed on the way, or added by the end).</summary>
        public int ClaimedDurable => Volatile.Read(ref _claimed);

        /// <summary>Whether the process logged the end of its run, which it does once the final commit has returned.</summary>
        public bool Finished => Volatile.Read(ref _finishedAt) != 0;

        /// <summary>From the index being opened to the final commit (or the process ending, if it logged none).</summary>
        public TimeSpan IndexingTime => Stopwatch.GetElapsedTime(_opened.Task.Result, _finishedAt != 0 ? _finishedAt : _exitedAt);

        public static async Task<ChildRun> StartAsync(TempFolder workspace, string indexName, Scenario scenario)
        {
            string[] args = scenario switch
            {
                Scenario.NewIndex => ["--commit-every", CommitEvery.ToString(CultureInfo.InvariantCulture)],
                Scenario.Rebuild => ["--rebuild"],
                _ => [],
            };
            ProcessStartInfo start = CliProcess.StartInfo(workspace.Path, ["index", "docs", "--index", indexName, .. args, "--verbose"]);
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

        /// <summary>Sends <paramref name="signal"/> <paramref name="delay"/> after the index was opened (or finds the process
        /// already done), then waits for it to end.</summary>
        public async Task InterruptAfterAsync(TimeSpan delay, Signal signal)
        {
            await Task.Delay(delay);
            if (signal == Signal.Kill)
            {
                try
                {
                    _process.Kill(); // SIGKILL on Unix: no handler, no flush, no finally
                }
                catch (InvalidOperationException)
                {
                    // it had already finished
                }
            }
            else if (!_process.HasExited)
            {
                // A real signal from another process, as a terminal (Ctrl+C) or a service manager sends it.
                var kill = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
                foreach (string arg in (string[])["-s", signal == Signal.Interrupt ? "INT" : "TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])
                    kill.ArgumentList.Add(arg);
                using Process sender = Process.Start(kill) ?? throw new InvalidOperationException("kill did not start");
                await sender.StandardError.ReadToEndAsync(); // it fails only if the process has just ended
                await sender.WaitForExitAsync();
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
                    Volatile.Write(ref _finishedAt, Stopwatch.GetTimestamp());
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
