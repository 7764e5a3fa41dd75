using Lucene.Net.Index;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// How the corrections of a doubtful word score. Each correction's stem is boosted below 1 by its edits (Lucene's fuzzy
/// boost) and by how much rarer it is than the most common form near the word, and all of them score as if they were as
/// common as that form (as Lucene's blended fuzzy rewrite does): Lucene 4.8's fuzzy query scores each term by its own
/// rarity, so a rare misspelling in some document (<c>acquisiton</c>) outranked the common word that was meant
/// (<c>acquisitions</c>). A document holding the word as typed therefore ranks above one holding only a correction, other
/// things equal; and when the typed word is in no document at all, its stem (<c>divident</c> stems to <c>divid</c>, as
/// <c>divided</c> does) counts as one more near form rather than as the word that was meant.
/// </summary>
internal static class TypoQuery
{
    /// <summary>The least share of its edit boost that a correction keeps, however rare it is next to the commonest.</summary>
    private const float RarestShare = 0.5f;

    /// <summary>The query for the corrections of <paramref name="word"/> in <paramref name="field"/>, or
    /// <see langword="null"/> when no correction's stem is in the field (or each is the word's own stem, which the word's
    /// query already matches). When no document holds the word as typed, it includes the word's own stem, and replaces
    /// the word's query rather than adding to it.</summary>
    public static Query? For(IndexReaderContext context, string field, Spelling.Word word)
    {
        var stems = new List<(Term Term, TermContext States, int Edits)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // Typed as no document has it, the word's stem is only one more near form; otherwise the word's own query has it.
        IEnumerable<(string Stem, int Edits)> forms = word.Corrections.Select(c => (c.Stem, c.Edits));
        if (word.Documents > 0)
            seen.Add(word.Stem);
        else
            forms = forms.Prepend((word.Stem, 0));
        foreach ((string stem, int edits) in forms)
        {
            // Several written forms share a stem; it is scored once, for the closest.
            if (!seen.Add(stem))
                continue;
            var term = new Term(field, stem);
            TermContext states = TermContext.Build(context, term);
            if (states.DocFreq > 0)
                stems.Add((term, states, edits));
        }
        if (stems.Count == 0)
            return null;
        int commonest = Math.Max(stems.Max(s => s.States.DocFreq), context.Reader.DocFreq(new Term(field, word.Stem)));
        var corrections = new BooleanQuery(disableCoord: true);
        foreach ((Term term, TermContext states, int edits) in stems)
        {
            var query = new TermQuery(term, AtLeast(context, states, commonest))
            {
                Boost = (1f - (float)edits / word.Written.Length) * Share(states.DocFreq, commonest),
            };
            corrections.Add(query, Occur.SHOULD);
        }
        return corrections;
    }

    /// <summary>From <see cref="RarestShare"/> for a form in one document to 1 for the commonest, on a log scale.</summary>
    private static float Share(int documents, int commonest) =>
        commonest <= 1 ? 1f : RarestShare + (1f - RarestShare) * (float)(Math.Log(1 + documents) / Math.Log(1 + commonest));

    /// <summary><paramref name="states"/> with a document count of at least <paramref name="documents"/>, which makes the
    /// term score as one that common.</summary>
    private static TermContext AtLeast(IndexReaderContext context, TermContext states, int documents)
    {
        if (states.DocFreq >= documents)
            return states;
        var adjusted = new TermContext(context);
        bool first = true;
        for (int ord = 0; ord < context.Leaves.Count; ord++)
        {
            if (states.Get(ord) is not { } state)
                continue;
            // The count is a sum over segments: the first carries the whole floor, the others nothing.
            adjusted.Register(state, ord, first ? documents : 0, -1);
            first = false;
        }
        return adjusted;
    }
}
