using Lucene.Net.Search;
using Search.Highlighting;
using Search.Indexing;
using Search.Querying;

namespace Search.Tests.Highlighting;

/// <summary>The fuzzy terms a search highlights keep their automata from one hit to the next: the words they mark must be
/// those the per-text rewrite marked, hit after hit, whatever the edits, the field or the other clauses.</summary>
public sealed class HighlightQueryTests
{
    // Texts read one after another with the same prepared query, as the hits of one page are: near and far misspellings,
    // short words (which a fuzzy term rejects when the edits reach their length), stems, accents, and nothing to match.
    private static readonly string[] Texts =
    [
        "The important exporters said imports were importantly higher; an impotent market.",
        "Petroleum and petrol prices: petrolium, petroleums, the petroleum exporting countries.",
        "Sugar, sugr and sucre; a sugar cane crop and sugars from Brazil.",
        "Nothing of the sort here at all, only words unlike any of them.",
        "Exchange rates on the exchanges; the excange and exchnage desks; change.",
        "Café exporters in Brasília exported coffee; an export exporter's report.",
        "a an ab ax abc abd ba",
    ];

    public static TheoryData<string> FuzzyQueries() =>
    [
        "inportant~1", "inportant~2", "petrolium~1", "petrolium~2", "sugr~1", "sugr~2", "excange~2", "ab~1", "ab~2",
        "exporter~1 AND brazil", "(inportant~1 OR sugr~2) \"sugar cane\"", "title:excange~1 body:excange~2", "ab~1^3 -nothing",
    ];

    [Theory]
    [MemberData(nameof(FuzzyQueries))]
    public void PreparedQuery_MarksTheWordsThePlainQueryMarks_TextAfterText(string text)
    {
        var analyzer = IndexSchema.CreateAnalyzer();
        Query query = new QueryTranslator(analyzer, new SearchIndexOptions()).Translate(new SearchRequest(text)).Query;

        Query prepared = HighlightQuery.For(query);

        Assert.NotSame(query, prepared);
        int marked = 0;
        foreach (string body in Texts)
        {
            foreach (string field in new[] { IndexSchema.Title, IndexSchema.Body })
            {
                List<TextSpan> expected = MatchFinder.Find(query, analyzer, field, body, Deadline.None)!;
                Assert.Equal(expected, MatchFinder.Find(prepared, analyzer, field, body, Deadline.None));
                marked += expected.Count;
            }
        }
        Assert.True(marked > 0, "the texts must give each query something to mark");
    }

    [Theory]
    [InlineData("important")]
    [InlineData("\"crude oil\" AND export*")]
    [InlineData("title:trade OR body:deficit")]
    public void QueryWithoutFuzzyTerms_IsHighlightedAsItIs(string text)
    {
        Query query = new QueryTranslator(IndexSchema.CreateAnalyzer(), new SearchIndexOptions()).Translate(new SearchRequest(text)).Query;

        Assert.Same(query, HighlightQuery.For(query));
    }
}
