using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Search.Tests.Indexing;

public partial class ConcurrencyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Search_ManyThreadsWhileOneWriterUpsertsAndCommits_SeesWholeDocumentsAndGrowingCounts()
    {
        using SearchIndex index = SearchIndex.InMemory();
        const int Documents = 300;
        var errors = new ConcurrentQueue<string>();
        using var writerDone = new CancellationTokenSource();

        Task writer = Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < Documents; i++)
                {
                    await index.UpsertAsync(Version(i, 0));
                    if (i % 10 == 9)
                    {
                        for (int j = i - 9; j <= i; j += 3)
                            await index.UpsertAsync(Version(j, 1)); // rewrite some: title and body change together
                        await index.CommitAsync();
                    }
                }
                await index.CommitAsync();
            }
            finally
            {
                writerDone.Cancel();
            }
        });

        var request = new SearchRequest("common") { Size = 20, Highlight = new HighlightOptions { Fragments = 1, FragmentSize = 1000 } };
        Task[] readers = [.. Enumerable.Range(0, 4).Select(_ => LongRunning(() =>
        {
            long lastTotal = 0;
            do
            {
                SearchResults results = index.Search(request);
                if (results.TotalHits < lastTotal)
                    errors.Enqueue($"hit count fell from {lastTotal} to {results.TotalHits}");
                lastTotal = results.TotalHits;
                foreach (SearchHit hit in results.Hits)
                {
                    Match title = TitlePattern().Match(hit.Title);
                    string snippet = hit.Snippets.Single();
                    if (!title.Success || title.Groups[1].Value != hit.Id || !snippet.Contains($"id{hit.Id} ver{title.Groups[2].Value} ", StringComparison.Ordinal))
                        errors.Enqueue($"torn hit {hit.Id}: '{hit.Title}' / '{snippet}'");
                }
            }
            while (!writerDone.IsCancellationRequested);
        }))];

        await Task.WhenAll([writer, .. readers]).WaitAsync(Patience);

        Assert.Empty(errors);
        Assert.Equal(Documents, index.Search(request).TotalHits);
    }

    [Fact]
    public async Task Dispose_WhileSearchesRun_NeitherHangsNorFailsThemOtherwise()
    {
        SearchIndex index = await TestDocs.IndexOf([.. Enumerable.Range(0, 50).Select(i => Version(i, 0))]);
        var unexpected = new ConcurrentQueue<Exception>();
        using var started = new CountdownEvent(4);

        Task[] readers = [.. Enumerable.Range(0, 4).Select(_ => LongRunning(() =>
        {
            started.Signal();
            while (true)
            {
                try
                {
                    index.Search(new SearchRequest("common"));
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                catch (Exception e)
                {
                    unexpected.Enqueue(e);
                    return;
                }
            }
        }))];
        Assert.True(started.Wait(Patience));

        await Task.Run(index.Dispose).WaitAsync(Patience);
        await Task.WhenAll(readers).WaitAsync(Patience);

        Assert.Empty(unexpected);
    }

    [Fact]
    public async Task Dispose_OnDiskWhileSearchesRun_ReleasesTheFolderForTheNextWriter()
    {
        using var folder = new TempFolder();
        SearchIndex index = SearchIndex.Open(folder.Path);
        for (int i = 0; i < 20; i++)
            await index.UpsertAsync(Version(i, 0));
        await index.CommitAsync();
        Task reader = LongRunning(() =>
        {
            try
            {
                while (true)
                    index.Search(new SearchRequest("common"));
            }
            catch (ObjectDisposedException)
            {
            }
        });

        index.Dispose();
        await reader.WaitAsync(Patience);

        using SearchIndex next = SearchIndex.Open(folder.Path);
        Assert.Equal(20, next.Count);
    }

    [Fact]
    public async Task IndexDirectory_WhileTheSameIdsAreUpsertedDirectly_LeavesExactlyOneDocumentPerId()
    {
        using var folder = new TempFolder();
        const int Files = 400;
        for (int i = 0; i < Files; i++)
            folder.Write($"{i}.txt", $" date 2021-01-01 File {i}\n\ncommon words from the file\n");
        using SearchIndex index = SearchIndex.InMemory(new SearchIndexOptions { IndexingThreads = 2 });

        Task sync = index.IndexDirectoryAsync(folder.Path);
        Task upserts = LongRunning(() =>
        {
            for (int i = Files - 1; i >= 0; i--)
                index.UpsertAsync(Version(i, 7)).GetAwaiter().GetResult();
        });
        await Task.WhenAll(sync, upserts).WaitAsync(Patience);
        await index.CommitAsync();

        Assert.Equal(Files, index.Count);
        for (int i = 0; i < Files; i++)
            Assert.Equal(1, index.Search(new SearchRequest($"id:{i}") { Highlight = null }).TotalHits);
    }

    [Fact]
    public async Task IndexDirectory_TwoSyncsOfOneFolderAtOnce_IndexEachFileOnce()
    {
        using var folder = new TempFolder();
        for (int i = 0; i < 200; i++)
            folder.Write($"{i}.txt", $"File {i}\n\ncommon words\n");
        using SearchIndex index = SearchIndex.InMemory();

        await Task.WhenAll(index.IndexDirectoryAsync(folder.Path), index.IndexDirectoryAsync(folder.Path)).WaitAsync(Patience);

        Assert.Equal(200, index.Count);
        Assert.Equal(200, index.Search(new SearchRequest("common") { Size = 0 }).TotalHits);
    }

    // Spinning readers get their own threads so they cannot starve the thread pool the writer and Dispose need.
    private static Task LongRunning(Action action) =>
        Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static SeedDocument Version(int id, int version) =>
        new($"{id}", $"Doc {id} v{version}", $"id{id} ver{version} common words for every document.");

    [GeneratedRegex(@"^Doc (\d+) v(\d+)$")]
    private static partial Regex TitlePattern();
}
