using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Search.Tests.Reliability;

/// <summary>
/// Four threads search with highlighting while one thread upserts, deletes and commits, for a few seconds
/// (<c>SEARCH_STRESS_SECONDS</c> sets a longer run): no search fails, no hit is torn (its title and its body are of one
/// version of one document), every hit count is the count of a commit made while that search ran, and at the end
/// every committed change is visible.
/// </summary>
public sealed partial class SustainedConcurrencyTests
{
    [Fact]
    public async Task Search_WhileOneWriterUpsertsDeletesAndCommits_SeesOnlyWholeDocumentsOfCommittedStates()
    {
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("SEARCH_STRESS_SECONDS"), CultureInfo.InvariantCulture, out double s) ? s : 3;
        using var folder = new TempFolder();
        using SearchIndex index = SearchIndex.Open(folder.Path);
        var committedCounts = new ConcurrentDictionary<int, long>();
        int commitSequence = 0;
        committedCounts[0] = 0;
        var errors = new ConcurrentQueue<string>();
        var live = new Dictionary<int, int>(); // document number -> version, as committed last
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));

        Task writer = Task.Run(async () =>
        {
            var random = new Random(11);
            var pending = new Dictionary<int, int>(live);
            while (!stop.IsCancellationRequested)
            {
                for (int op = 0; op < 20; op++)
                {
                    int number = random.Next(400);
                    // Delete only what the last commit holds: deleting an unknown id refreshes the searcher early.
                    if (random.Next(4) == 0 && live.ContainsKey(number) && pending.ContainsKey(number))
                    {
                        await index.DeleteAsync(Id(number));
                        pending.Remove(number);
                    }
                    else
                    {
                        int version = pending.GetValueOrDefault(number) + 1;
                        await index.UpsertAsync(TestDocs.Doc(Id(number), $"Doc {number} version {version}", $"common words of doc {number} version {version} end"));
                        pending[number] = version;
                    }
                }
                // Known before the commit, because a search may see the commit before the sequence moves on.
                int next = commitSequence + 1;
                committedCounts[next] = pending.Count;
                await index.CommitAsync();
                live.Clear();
                foreach ((int number, int version) in pending)
                    live[number] = version;
                Volatile.Write(ref commitSequence, next);
            }
        });

        var request = new SearchRequest("common") { Size = 50, Highlight = new HighlightOptions { Fragments = 1, FragmentSize = 400 } };
        Task[] readers = [.. Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                int before = Volatile.Read(ref commitSequence);
                SearchResults results;
                try
                {
                    results = index.Search(request);
                }
                catch (Exception e)
                {
                    errors.Enqueue($"search failed: {e}");
                    return;
                }
                int after = Volatile.Read(ref commitSequence);
                // The searcher moves on only at commits, so it shows one of the commits made while the search ran, or
                // the one being made as it ended (its refresh comes just before the sequence moves on).
                int first = Math.Max(0, before - 1);
                bool consistent = Enumerable.Range(first, after + 2 - first)
                    .Any(seq => committedCounts.TryGetValue(seq, out long count) && count == results.TotalHits);
                if (!consistent)
                    errors.Enqueue($"{results.TotalHits} hits between commits {before} and {after}");
                foreach (SearchHit hit in results.Hits)
                {
                    Match title = TitlePattern().Match(hit.Title);
                    string snippet = hit.Snippets.Count == 1 ? hit.Snippets[0] : "";
                    if (!title.Success || Id(int.Parse(title.Groups[1].Value, CultureInfo.InvariantCulture)) != hit.Id
                        || !snippet.Contains($"doc {title.Groups[1].Value} version {title.Groups[2].Value} end", StringComparison.Ordinal))
                    {
                        errors.Enqueue($"torn hit {hit.Id}: '{hit.Title}' / '{snippet}'");
                    }
                }
            }
        }, TaskCreationOptions.LongRunning))];

        await Task.WhenAll([writer, .. readers]).WaitAsync(TimeSpan.FromSeconds(seconds + 120));

        Assert.Empty(errors.Take(20));
        Assert.True(commitSequence >= 5, $"only {commitSequence} commits in {seconds} s");
        Assert.Equal(live.Count, index.Search(request with { Size = 0 }).TotalHits);
        for (int number = 0; number < 400; number++)
        {
            string? title = index.Get(Id(number))?.Title;
            Assert.Equal(live.TryGetValue(number, out int version) ? $"Doc {number} version {version}" : null, title);
        }
    }

    private static string Id(int number) => $"doc{number:D3}";

    [GeneratedRegex(@"^Doc (\d+) version (\d+)$")]
    private static partial Regex TitlePattern();
}
