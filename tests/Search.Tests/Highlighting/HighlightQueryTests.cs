using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Highlighting;
using Search.Indexing;
using Search.Querying;

namespace Search.Tests.Highlighting;

/// <summary>A search's highlighting expands prefix, wildcard and fuzzy terms once against the index, or keeps the fuzzy
/// automata from one hit to the next: the words marked must be those the scorer's per-text expansion marked, hit after hit,
/// whatever the edits, the field or the other clauses.</summary>
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

    public static TheoryData<string, bool> Queries() => new()
    {
        { "inportant~1", true }, { "inportant~2", true }, { "petrolium~1", true }, { "petrolium~2", true }, { "sugr~1", true },
        { "sugr~2", true }, { "excange~2", true }, { "ab~1", true }, { "ab~2", true }, { "export*", true }, { "sug*", true },
        { "petrol*um", true }, { "exporter~1 AND brazil", true }, { "title:excange~1 body:excange~2", true },
        { "ab~1^3 -nothing -sugar", true }, { "export* OR imp?rt*", true }, { "important^0 sugar", true }, { "inportant~1 important^0", true },
        // Phrases need the text's positions: the scorer indexes each text, with the fuzzy automata kept.
        { "(inportant~1 OR sugr~2) \"sugar cane\"", false }, { "\"petroleum exporting\" export*", false },
        // So does a clause it does not know: a range, here.
        { "sugar OR date:[1987-01-01 TO 1987-12-31]", false },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void PreparedQuery_MarksTheWordsThePlainQueryMarks_TextAfterText(string text, bool wordsInAdvance)
    {
        Analyzer analyzer = IndexSchema.CreateAnalyzer();
        using DirectoryReader reader = IndexOf(analyzer, Texts);
        Query query = new QueryTranslator(analyzer, new SearchIndexOptions()).Translate(new SearchRequest(text)).Query;

        HighlightQuery prepared = HighlightQuery.For(query, reader, Fields);

        Assert.Equal(wordsInAdvance, prepared.HasWords);
        AssertSameMatches(query, prepared, analyzer, Texts);
    }

    [Fact]
    public void PrefixOverMoreWordsThanABooleanQueryHolds_IsLeftToTheScorer()
    {
        // The scorer marks plain terms only in a text where a prefix expands past the limit; so must the prepared query.
        Analyzer analyzer = IndexSchema.CreateAnalyzer();
        string many = string.Join(' ', Enumerable.Range(0, BooleanQuery.MaxClauseCount + 10).Select(i => $"zq{i:D5}"));
        string[] texts = [many + " sugar", "zq00001 and sugar", "sugar only"];
        using DirectoryReader reader = IndexOf(analyzer, texts);
        Query query = new QueryTranslator(analyzer, new SearchIndexOptions()).Translate(new SearchRequest("zq* sugar")).Query;

        HighlightQuery prepared = HighlightQuery.For(query, reader, Fields);

        Assert.False(prepared.HasWords);
        AssertSameMatches(query, prepared, analyzer, texts);
    }

    [Fact]
    public void ATermWeighingNothing_IsLeftToTheScorer()
    {
        // The scorer keeps the weight of the last clause naming a word, so the order of clauses decides whether it is marked.
        Analyzer analyzer = IndexSchema.CreateAnalyzer();
        using DirectoryReader reader = IndexOf(analyzer, Texts);
        var query = new BooleanQuery
        {
            { new FuzzyQuery(new Term(IndexSchema.Body, "sugr"), 1), Occur.SHOULD },
            { new TermQuery(new Term(IndexSchema.Body, "sugar")) { Boost = 0 }, Occur.SHOULD },
        };

        HighlightQuery prepared = HighlightQuery.For(query, reader, Fields);

        Assert.False(prepared.HasWords);
        AssertSameMatches(query, prepared, analyzer, Texts);
    }

    private static readonly string[] Fields = [IndexSchema.Title, IndexSchema.Body];

    private static void AssertSameMatches(Query query, HighlightQuery prepared, Analyzer analyzer, string[] texts)
    {
        int marked = 0;
        foreach (string text in texts)
        {
            foreach (string field in Fields)
            {
                List<TextSpan> expected = MatchFinder.Find(query, analyzer, field, text, Deadline.None)!;
                Assert.Equal(expected, MatchFinder.Find(prepared, analyzer, field, text, Deadline.None));
                marked += expected.Count;
            }
        }
        Assert.True(marked > 0, "the texts must give each query something to mark");
    }

    /// <summary>The texts as title and body of one document each, analysed as the index analyses them.</summary>
    private static DirectoryReader IndexOf(Analyzer analyzer, string[] texts)
    {
        var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, analyzer)))
        {
            foreach (string text in texts)
                writer.AddDocument([new TextField(IndexSchema.Title, text, Field.Store.NO), new TextField(IndexSchema.Body, text, Field.Store.NO)]);
        }
        return DirectoryReader.Open(directory);
    }
}
