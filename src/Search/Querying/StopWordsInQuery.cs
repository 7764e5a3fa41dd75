using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// Finds the words of a query that the index's analyzer drops as too common to index (stop words), to tell a person
/// why a query of nothing else matches nothing. A word counts when the analyzer turns it into no term at all, so the
/// answer follows the analyzer, whatever its stop list. Run only for queries that parsed to nothing, so it costs the
/// others nothing.
/// </summary>
internal static class StopWordsInQuery
{
    /// <summary>The stop words of <paramref name="text"/> as typed, each once, in query order; operators of the Lucene
    /// syntax (<c>AND</c>, <c>OR</c>, <c>NOT</c>) and field names are not words.</summary>
    public static IReadOnlyList<string> Find(string text, Analyzer analyzer, QuerySyntax syntax)
    {
        // A colon joins a field name to its word for the tokenizer ("title:the"); no stop word holds one.
        string separated = text.Replace(':', ' ');
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, new StringReader(separated));
        IOffsetAttribute offset = tokenizer.AddAttribute<IOffsetAttribute>();
        tokenizer.Reset();
        while (tokenizer.IncrementToken())
        {
            string word = text[offset.StartOffset..offset.EndOffset];
            if (syntax == QuerySyntax.Lucene && word is "AND" or "OR" or "NOT")
                continue;
            if (seen.Add(word) && AnalysesToNothing(word, analyzer))
                found.Add(word);
        }
        tokenizer.End();
        return found;
    }

    private static bool AnalysesToNothing(string word, Analyzer analyzer)
    {
        using TokenStream tokens = analyzer.GetTokenStream(IndexSchema.Body, word);
        tokens.Reset();
        bool any = tokens.IncrementToken();
        tokens.End();
        return !any;
    }
}
