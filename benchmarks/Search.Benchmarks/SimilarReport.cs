using System.Diagnostics;
using System.Globalization;
using Search.Querying;

namespace Search.Benchmarks;

/// <summary>
/// <c>--similar-report [--metadata FILE] [--sample N]</c>: how well <see cref="SearchRequest.SimilarTo"/> finds related
/// documents, with Reuters-21578's topics as the judge. For each document with at least one topic (all of them, or a
/// sample of N drawn with a fixed seed) it asks for the 10 documents most like it and counts those that share a topic
/// with it, next to what a plain simple-syntax query of the document's title finds; then the same for each of the
/// <c>MoreLikeThis</c> settings tried, and the time of one search with the library's settings. The topics come from the
/// metadata table's <c>topics</c> column and serve only as ground truth: the index holds no tags.
/// </summary>
public static class SimilarReport
{
    private const int Neighbours = 10;

    /// <summary>The seed of the sample, fixed so that runs compare the same documents.</summary>
    private const int SampleSeed = 14;

    /// <summary>How many searches the timing pass makes, with and without highlighting.</summary>
    private const int TimedSearches = 1_000;

    /// <summary>The settings tried: the library's, Lucene's defaults, and one change at a time from the library's.</summary>
    private static readonly (string Name, SimilarTermSettings Settings)[] Variants =
    [
        ("library's settings (MinTermFreq 1, MinDocFreq 2, MaxQueryTerms 50, best field, BM25 idf)", SimilarTermSettings.Default),
        ("Lucene's defaults (MinTermFreq 2, MinDocFreq 5, MaxQueryTerms 25, most frequent field, classic idf)", new SimilarTermSettings
        {
            MinTermFreq = 2, MinDocFreq = 5, MaxQueryTerms = 25, Fields = SimilarWordFields.MostFrequent, Bm25Idf = false,
        }),
        ("MinTermFreq 2", SimilarTermSettings.Default with { MinTermFreq = 2 }),
        ("MinDocFreq 5", SimilarTermSettings.Default with { MinDocFreq = 5 }),
        ("MaxQueryTerms 25", SimilarTermSettings.Default with { MaxQueryTerms = 25 }),
        ("MaxQueryTerms 100", SimilarTermSettings.Default with { MaxQueryTerms = 100 }),
        ("MaxDocFreqPct 5", SimilarTermSettings.Default with { MaxDocFreqPercent = 5 }),
        ("words boosted by their tf-idf weight", SimilarTermSettings.Default with { BoostByWeight = true }),
        ("title and body scores summed", SimilarTermSettings.Default with { Fields = SimilarWordFields.Sum }),
        ("each word in its most frequent field only", SimilarTermSettings.Default with { Fields = SimilarWordFields.MostFrequent }),
        ("classic idf to choose words", SimilarTermSettings.Default with { Bm25Idf = false }),
    ];

    public static void Run(string? metadataPath, int? sampleSize, TextWriter output)
    {
        Corpus corpus = Corpus.Current;
        string metadata = metadataPath is null ? FindMetadata(corpus) : Path.GetFullPath(metadataPath);
        Dictionary<string, string[]> topics = ReadTopics(metadata, corpus);
        string[] sources = [.. corpus.Files.Select(f => f.Id).Where(id => topics.ContainsKey(id))];
        if (sources.Length == 0)
            throw new InvalidOperationException($"No document of {corpus.Name} has a topic in {metadata}.");
        if (sampleSize is int size && size < sources.Length)
        {
            new Random(SampleSeed).Shuffle(sources);
            sources = [.. sources[..size].Order(StringComparer.Ordinal)];
        }
        var clock = Stopwatch.StartNew();
        string indexPath = BenchmarkIndex.PathFor(corpus);
        CultureInfo invariant = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(invariant,
            $"// Metadata: {metadata}; {topics.Count:N0} documents with topics, {sources.Length:N0} evaluated{(sampleSize is null ? "" : string.Create(invariant, $" (sample, seed {SampleSeed})"))}; index ready in {clock.Elapsed.TotalSeconds:N0} s"));
        output.WriteLine();
        output.WriteLine("| Neighbours from | Mean share of the top 10 sharing a topic | Documents with at least one | Time |");
        output.WriteLine("| --- | ---: | ---: | ---: |");

        using (SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true }))
        {
            var titles = sources.ToDictionary(id => id, id => index.Get(id)!.Title, StringComparer.Ordinal);
            Report(output, "plain query of the title (simple syntax)", sources, topics, id =>
                index.Search(new SearchRequest(titles[id]) { Syntax = QuerySyntax.Simple, Size = Neighbours + 1, Highlight = null })
                    .Hits.Select(h => h.Id).Where(h => h != id).Take(Neighbours));
        }
        foreach ((string name, SimilarTermSettings settings) in Variants)
        {
            using SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true, SimilarTerms = settings });
            Report(output, $"SimilarTo, {name}", sources, topics, id =>
                index.Search(new SearchRequest("") { SimilarTo = id, Size = Neighbours, Highlight = null }).Hits.Select(h => h.Id));
        }

        using (SearchIndex index = SearchIndex.Open(indexPath, new SearchIndexOptions { ReadOnly = true }))
        {
            string[] timed = sources[..Math.Min(TimedSearches, sources.Length)];
            output.WriteLine();
            output.WriteLine(string.Create(invariant, $"Time per SimilarTo search, top {Neighbours}, library's settings, over {timed.Length:N0} documents (one run, rough):"));
            output.WriteLine($"- without highlighting: {Time(index, timed, highlight: null)}");
            output.WriteLine($"- with highlighting (defaults): {Time(index, timed, highlight: new HighlightOptions())}");
        }
    }

    private static void Report(TextWriter output, string name, string[] sources, Dictionary<string, string[]> topics, Func<string, IEnumerable<string>> neighbours)
    {
        var clock = Stopwatch.StartNew();
        double shareSum = 0;
        int withOne = 0;
        foreach (string source in sources)
        {
            string[] own = topics[source];
            int sharing = neighbours(source).Count(n => topics.TryGetValue(n, out string[]? theirs) && theirs.Intersect(own, StringComparer.Ordinal).Any());
            // A missing neighbour (fewer than 10 hits) counts as one without a shared topic.
            shareSum += (double)sharing / Neighbours;
            if (sharing > 0)
                withOne++;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {shareSum / sources.Length:0.000} | {(double)withOne / sources.Length:0.000} | {clock.Elapsed.TotalSeconds:N0} s |"));
    }

    /// <summary>The mean and median time of one search, after a warm-up pass over the same documents.</summary>
    private static string Time(SearchIndex index, string[] ids, HighlightOptions? highlight)
    {
        SearchRequest Request(string id) => new("") { SimilarTo = id, Size = Neighbours, Highlight = highlight };
        foreach (string id in ids.Take(100))
            index.Search(Request(id));
        var times = new double[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            long started = Stopwatch.GetTimestamp();
            index.Search(Request(ids[i]));
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return string.Create(CultureInfo.InvariantCulture, $"mean {times.Average():0.00} ms, median {times[times.Length / 2]:0.00} ms");
    }

    /// <summary>The first <c>meta.tsv</c> in the corpus folder (the Reuters-21578 archive holds one beside its files).</summary>
    private static string FindMetadata(Corpus corpus) =>
        Directory.EnumerateFiles(corpus.Folder, "meta.tsv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
        ?? throw new FileNotFoundException($"No meta.tsv in {corpus.Folder}; pass --metadata FILE.");

    /// <summary>The topics of each document of the corpus that has any, keyed by corpus id. The table's <c>file</c> column
    /// names a file beside the table (<c>reut-1.txt</c>), which is the corpus document whose id ends with that name without
    /// <c>.txt</c> (<c>reuters21578/reut-1</c>); its <c>topics</c> column lists topics separated by commas.</summary>
    private static Dictionary<string, string[]> ReadTopics(string metadata, Corpus corpus)
    {
        string[] lines = File.ReadAllLines(metadata);
        string[] header = lines[0].Split('\t');
        int file = Array.IndexOf(header, "file");
        int topicColumn = Array.IndexOf(header, "topics");
        if (file < 0 || topicColumn < 0)
            throw new InvalidDataException($"{metadata} has no 'file' or no 'topics' column in its header.");
        var byName = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split('\t');
            if (cells.Length <= Math.Max(file, topicColumn))
                continue;
            string[] own = cells[topicColumn].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            string name = cells[file].Replace('\\', '/');
            if (own.Length > 0)
                byName[name.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name] = own;
        }
        var topics = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (CorpusFile document in corpus.Files)
        {
            // The id itself, then without its leading folders one at a time.
            for (string? id = document.Id; id is not null; id = id.IndexOf('/', StringComparison.Ordinal) is int slash and >= 0 ? id[(slash + 1)..] : null)
            {
                if (byName.TryGetValue(id, out string[]? own))
                {
                    topics[document.Id] = own;
                    break;
                }
            }
        }
        return topics;
    }
}
