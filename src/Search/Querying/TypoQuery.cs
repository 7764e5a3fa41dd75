using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>
/// The query for the corrections of a doubtful word in one field: each correction's stem, boosted below 1 by its edits
/// (Lucene's fuzzy boost), and scored as if it were at least as common as the word as typed. Lucene 4.8's fuzzy query
/// scores each term by its own rarity, so a rare misspelling in a document could outrank the word that was typed; with
/// the typed word's document count as a floor, a document holding only a correction ranks below one holding the word
/// itself, other things equal.
/// </summary>
internal static class TypoQuery
{
    /// <summary>The query, or <see langword="null"/> when no correction's stem is in <paramref name="field"/> (or each is the
    /// word's own stem, which the word's query already matches).</summary>
    public static Query? For(IndexReaderContext context, string field, Spelling.Word word)
    {
        int typedDocuments = context.Reader.DocFreq(new Term(field, word.Stem));
        var corrections = new BooleanQuery(disableCoord: true);
        var seen = new HashSet<string>(StringComparer.Ordinal) { word.Stem };
        foreach (Spelling.Correction correction in word.Corrections)
        {
            // Corrections come most common first; several written forms share a stem, and it is scored once, for the closest.
            if (!seen.Add(correction.Stem))
                continue;
            var term = new Term(field, correction.Stem);
            TermContext states = TermContext.Build(context, term);
            if (states.DocFreq == 0)
                continue;
            var query = new TermQuery(term, AtLeast(context, states, typedDocuments))
            {
                Boost = 1f - (float)correction.Edits / word.Written.Length,
            };
            corrections.Add(query, Occur.SHOULD);
        }
        return corrections.Clauses.Count == 0 ? null : corrections;
    }

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
