using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// What one index snapshot makes of a query word's spelling: whether it is doubtful (in no or very few documents), and
/// which words as written in the documents it may be a typo of. The one place that owns the typo rules; shared by typo
/// tolerance and did-you-mean within one search, so that each word is looked up once.
/// </summary>
internal sealed class Spelling(IndexReader reader, Analyzer analyzer)
{
    /// <summary>The fewest letters a word needs to tolerate one edit.</summary>
    public const int OneEditLength = 5;

    /// <summary>The fewest letters a word needs to tolerate two edits.</summary>
    public const int TwoEditsLength = 9;

    /// <summary>A word in fewer documents than this (or than one in <see cref="DoubtfulShare"/> of a large index) may be a
    /// typo. Misspellings recur in large collections (a news wire has a few of most common misspellings), so the bar grows
    /// with the index; a word above it is taken as meant, and costs no lookup of near words.</summary>
    private const int DoubtfulDocuments = 3;

    /// <inheritdoc cref="DoubtfulDocuments"/>
    private const int DoubtfulShare = 1_000;

    /// <summary>How many times more documents a near word needs than a doubtful word to be suggested instead.</summary>
    private const int FarMoreCommon = 10;

    /// <summary>The most corrections a word is widened to, as Lucene's fuzzy query keeps its 50 best terms.</summary>
    private const int MaxCorrections = 50;

    private readonly Vocabulary _vocabulary = new(reader);
    private readonly Dictionary<string, Word?> _words = new(StringComparer.Ordinal);
    private readonly long _doubtfulBelow = Math.Max(DoubtfulDocuments, reader.NumDocs / DoubtfulShare);

    /// <summary>The edits a word of <paramref name="letters"/> letters tolerates.</summary>
    public static int MaxEdits(int letters) => letters >= TwoEditsLength ? 2 : letters >= OneEditLength ? 1 : 0;

    /// <summary>The doubtful word that <paramref name="typed"/> (one word of a query, as typed) reads as, with the words it
    /// may be a typo of; <see langword="null"/> when it is no single word of letters, too short to tolerate an edit, or in
    /// enough documents to be taken as meant.</summary>
    public Word? Check(string typed)
    {
        if (_words.TryGetValue(typed, out Word? known))
            return known;
        Word? word = Lookup(typed);
        _words[typed] = word;
        return word;
    }

    private Word? Lookup(string typed)
    {
        if (SingleToken(IndexSchema.Words, typed) is not { } written || !written.All(char.IsAsciiLetter))
            return null;
        int edits = MaxEdits(written.Length);
        if (edits == 0)
            return null;
        long documents = _vocabulary.DocumentsWith(written);
        if (documents >= _doubtfulBelow)
            return null;
        string stem = SingleToken(IndexSchema.Body, written) ?? written;
        var corrections = new List<Correction>();
        foreach (WordCount near in _vocabulary.Near(written, edits))
        {
            if (near.Edits == 0)
                continue;
            string nearStem = SingleToken(IndexSchema.Body, near.Word) ?? near.Word;
            corrections.Add(new Correction(near.Word, nearStem, near.Edits, near.Documents));
        }
        // Most common first, then closest: the order in which they are suggested and kept.
        corrections.Sort((a, b) => a.Documents != b.Documents ? b.Documents.CompareTo(a.Documents)
            : a.Edits != b.Edits ? a.Edits.CompareTo(b.Edits) : string.CompareOrdinal(a.Written, b.Written));
        if (corrections.Count > MaxCorrections)
            corrections.RemoveRange(MaxCorrections, corrections.Count - MaxCorrections);
        return new Word(written, stem, documents, corrections);
    }

    /// <summary>The correction to suggest for <paramref name="word"/>: the most common near word, when the word is in no
    /// document or the near word is in <see cref="FarMoreCommon"/> times as many.</summary>
    public static Correction? Suggest(Word word) =>
        word.Corrections.Count > 0 && word.Corrections[0].Documents >= Math.Max(1, word.Documents * FarMoreCommon)
            ? word.Corrections[0]
            : null;

    /// <summary>What <paramref name="field"/>'s analysis makes of <paramref name="text"/> when it is one token; otherwise
    /// <see langword="null"/>.</summary>
    private string? SingleToken(string field, string text)
    {
        using TokenStream tokens = analyzer.GetTokenStream(field, text);
        ICharTermAttribute term = tokens.AddAttribute<ICharTermAttribute>();
        tokens.Reset();
        string? only = tokens.IncrementToken() ? term.ToString() : null;
        if (only is not null && tokens.IncrementToken())
            only = null;
        tokens.End();
        return only;
    }

    /// <summary>A doubtful query word: as written (folded, lower-cased), its stem, the documents that hold it, and what
    /// it may be a typo of.</summary>
    public sealed record Word(string Written, string Stem, long Documents, IReadOnlyList<Correction> Corrections);

    /// <summary>A word of the documents near a doubtful word: as written, its stem, its edits away and its documents.</summary>
    public sealed record Correction(string Written, string Stem, int Edits, long Documents);
}
