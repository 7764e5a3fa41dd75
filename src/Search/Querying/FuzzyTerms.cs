using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Search;
using Lucene.Net.Util.Automaton;

namespace Search.Querying;

/// <summary>
/// Fuzzy terms (<c>word~</c>, <c>word~1</c>) as both syntaxes build them: the word analysed as the field's words are
/// (folded, lower-cased, stemmed), then Lucene's <see cref="FuzzyQuery"/> on each token, so that the fuzzy term is compared
/// with the index's stems and matches at least every document the word itself matches. Lucene's parsers compare the
/// word as typed, so <c>flooding~</c> found nothing where <c>flooding</c> (stem <c>flood</c>) found documents.
/// </summary>
internal static class FuzzyTerms
{
    /// <summary>The query for <paramref name="text"/> within <paramref name="maxEdits"/> edits in <paramref name="field"/>;
    /// <see langword="null"/> when the analysis leaves nothing (a stop word).</summary>
    public static Query? For(Analyzer analyzer, string field, string text, int maxEdits)
    {
        maxEdits = Math.Clamp(maxEdits, 0, LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE);
        var terms = new List<Query>();
        using (TokenStream tokens = analyzer.GetTokenStream(field, text))
        {
            ICharTermAttribute term = tokens.AddAttribute<ICharTermAttribute>();
            tokens.Reset();
            while (tokens.IncrementToken())
                terms.Add(new FuzzyQuery(new Lucene.Net.Index.Term(field, term.ToString()), maxEdits));
            tokens.End();
        }
        if (terms.Count <= 1)
            return terms.Count == 0 ? null : terms[0];
        // Several tokens ("e-mail~") match as the unquoted words do: any of them.
        var any = new BooleanQuery();
        foreach (Query query in terms)
            any.Add(query, Occur.SHOULD);
        return any;
    }
}
