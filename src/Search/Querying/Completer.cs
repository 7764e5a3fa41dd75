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
        OptionRules.NotNull(text, nameof(text));
        OptionRules.Between(size, 1, MaxSize, nameof(size));
        // Read no further than a simple-syntax search would; the cut (or parentheses read as spaces) keeps every position.
        string read = QueryGuard.SanitizeSimple(text, options);
        int start = PartialWordStart(read);
        if (start == read.Length)
            return [];
        // Composed first, so that a 'u' followed by a combining diaeresis folds like 'ü'.
        string prefix = FoldingEnglishAnalyzer.Fold(read[start..].Normalize(NormalizationForm.FormC), isPattern: false).ToLowerInvariant();
        IReadOnlyCollection<string> earlier = Stems(read[..start]);

        using SearcherLease lease = store.Lease();
        IndexReader reader = lease.Searcher.IndexReader;
        IReadOnlyList<WordCount> candidates = new Vocabulary(reader).StartingWith(prefix, Math.Max(MinCandidates, size * CandidatesPerCompletion));
        if (candidates.Count == 0)
            return [];
        var matches = new WordMatches(reader, earlier);
        if (matches.IsEmpty)
            return [];
        var counted = new List<(string Word, long Documents)>(candidates.Count);
        // Words that share a stem ("study", "studies") match the same documents: count them once.
        var byStems = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (WordCount candidate in candidates)
        {
            IReadOnlyCollection<string> stems = Stems(candidate.Word);
            string key = string.Join(' ', stems.Order(StringComparer.Ordinal));
            if (!byStems.TryGetValue(key, out long documents))
                byStems[key] = documents = matches.Count(stems);
            if (documents > 0)
                counted.Add((candidate.Word, documents));
        }
        counted.Sort(static (a, b) => a.Documents != b.Documents ? b.Documents.CompareTo(a.Documents) : string.CompareOrdinal(a.Word, b.Word));
        string typed = text[..start];
        return [.. counted.Take(size).Select(c => new Completion(typed + c.Word, c.Documents))];
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
