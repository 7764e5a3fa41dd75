using System.Runtime.InteropServices;
using System.Buffers;
using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Completes the last, partly typed word of a text to words of the documents (<see cref="SearchIndex.Complete"/>): the
/// <see cref="Vocabulary"/> offers the likeliest words with that beginning, and each is then counted exactly on the
/// snapshot, among the documents that hold the text's earlier words.
/// </summary>
internal sealed class Completer(IndexStore store, SearchIndexOptions options)
{
    /// <summary>The most completions one call may ask for.</summary>
    public const int MaxSize = 1000;

    // Candidates are ranked by documents over the whole index; counting a few times more than asked for lets words that are
    // rarer overall but common among the earlier words' documents still make the list.
    private const int MinCandidates = 50;
    private const int CandidatesPerCompletion = 5;

    public IReadOnlyList<Completion> Complete(string text, int size)
    {
        using SearcherLease lease = store.Lease();
        return Count(text, size, lease.Searcher.IndexReader).Top(size);
    }

    /// <summary>Every candidate completion of <paramref name="text"/> on <paramref name="reader"/> with its documents, uncut:
    /// what a shard sends for the counts of all shards to be added up (candidates are picked by the reader's statistics,
    /// which for a shard are the collection's).</summary>
    public CompletionCounts Count(string text, int size, IndexReader reader)
    {
        OptionRules.NotNull(text, nameof(text));
        OptionRules.Between(size, 1, MaxSize, nameof(size));
        // Read no further than a simple-syntax search would; the cut (or parentheses read as spaces) keeps every position.
        string read = QueryGuard.SanitizeSimple(text, options);
        int start = PartialWordStart(read);
        if (start == read.Length)
            return CompletionCounts.None;
        // Composed first, so that a 'u' followed by a combining diaeresis folds like 'ü'.
        string prefix = FoldingEnglishAnalyzer.Fold(read[start..].Normalize(NormalizationForm.FormC), isPattern: false).ToLowerInvariant();
        IReadOnlyCollection<string> earlier = Stems(read[..start]);

        IReadOnlyList<WordCount> candidates = new Vocabulary(reader).StartingWith(prefix, Math.Max(MinCandidates, size * CandidatesPerCompletion));
        string typed = text[..start];
        if (candidates.Count == 0)
            return new CompletionCounts(typed, []);
        var matches = new WordMatches(reader, earlier);
        if (matches.IsEmpty)
            return new CompletionCounts(typed, []);
        var counted = new Dictionary<string, long>(candidates.Count, StringComparer.Ordinal);
        // Words that share a stem ("study", "studies") match the same documents: count them once.
        var byStems = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (WordCount candidate in candidates)
        {
            IReadOnlyCollection<string> stems = Stems(candidate.Word);
            string key = string.Join(' ', stems.Order(StringComparer.Ordinal));
            if (!byStems.TryGetValue(key, out long documents))
                byStems[key] = documents = matches.Count(stems);
            if (documents > 0)
                counted[candidate.Word] = documents;
        }
        return new CompletionCounts(typed, counted);
    }

    /// <summary>Where the trailing run of letters and digits (with their combining marks) starts: the length of
    /// <paramref name="text"/> when it ends in anything else.</summary>
    private static int PartialWordStart(string text)
    {
        int start = text.Length;
        while (start > 0 && Rune.DecodeLastFromUtf16(text.AsSpan(0, start), out Rune rune, out int length) == OperationStatus.Done && IsWordPart(rune))
            start -= length;
        return start;
    }

    private static bool IsWordPart(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>The distinct stems of <paramref name="text"/>, analysed as a search analyses it (stop words and punctuation
    /// drop out).</summary>
    private HashSet<string> Stems(string text)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        using TokenStream tokens = store.Analyzer.GetTokenStream(IndexSchema.Body, text);
        ICharTermAttribute term = tokens.AddAttribute<ICharTermAttribute>();
        tokens.Reset();
        while (tokens.IncrementToken())
            stems.Add(term.ToString());
        tokens.End();
        return stems;
    }
}

/// <summary>The candidate completions of a text with their documents, before they are cut to a list: the text as typed up
/// to the partly typed word, and each candidate word's documents (only those with some). Counts of disjoint sets of
/// documents (the shards of an index) add up to the counts of their union.</summary>
internal sealed record CompletionCounts(string Typed, Dictionary<string, long> Documents)
{
    /// <summary>Nothing to complete.</summary>
    public static CompletionCounts None => new(string.Empty, []);

    /// <summary>Adds <paramref name="other"/>'s counts (of the same text) to these.</summary>
    public void Add(CompletionCounts other)
    {
        foreach ((string word, long documents) in other.Documents)
            CollectionsMarshal.GetValueRefOrAddDefault(Documents, word, out _) += documents;
    }

    /// <summary>The <paramref name="size"/> completions in most documents, equal counts in word order (ordinal).</summary>
    public IReadOnlyList<Completion> Top(int size)
    {
        var counted = Documents.Where(c => c.Value > 0).ToList();
        counted.Sort(static (a, b) => a.Value != b.Value ? b.Value.CompareTo(a.Value) : string.CompareOrdinal(a.Key, b.Key));
        return [.. counted.Take(size).Select(c => new Completion(Typed + c.Key, c.Value))];
    }
}
