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
        // Phrases: their occurrences are read from the index's positions of the hit.
        { "(inportant~1 OR sugr~2) \"sugar cane\"", true }, { "\"petroleum exporting\" export*", true },
        { "\"sugar cane\" sugar", true }, { "sugar \"sugar cane\"", true }, { "\"exporters coffee\"~5", true },
        { "\"petroleum exporting countries\" \"exporting countries\" \"petrol prices\"", true },
        { "\"exchange rates on the exchanges\"", true }, { "title:\"sugar cane\" body:\"sugar cane crop\"", true },
        { "\"sugar cane\" -\"sugar from\"", true }, { "\"no such phrase\" sugar", true },
        // So does a clause it does not know (a range, here), and a prefix or fuzzy term weighing nothing, whose words the
        // order of clauses marks or not.
        { "sugar OR date:[1987-01-01 TO 1987-12-31]", false }, { "body:sug*^0 sugar", false }, { "sugar body:sug*^0", false },
        { "body:sugr~1^0 crop", false },
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
    public void AFuzzyTermAcceptingMoreWordsThanABooleanQueryHoldsInOneText_MarksNoExpandedWordThere()
    {
        // The scorer gives up expanding in such a text and marks plain terms only; word by word, so must the prepared query.
        Analyzer analyzer = IndexSchema.CreateAnalyzer();
        const string consonants = "bcdfgklmnprtvz";
        var variants = new List<string>();
        for (int i = 2; i < 8 && variants.Count <= BooleanQuery.MaxClauseCount + 50; i++)
        {
            for (int j = i + 1; j < 8; j++)
            {
                foreach (char a in consonants)
                {
                    foreach (char b in consonants)
                    {
                        char[] word = "abcdefgh".ToCharArray();
                        word[i] = a;
                        word[j] = b;
                        variants.Add(new string(word));
                    }
                }
            }
        }
        string[] texts = [string.Join(' ', variants) + " sugar", "abcdefgk and sugar", "sugar only"];
        using DirectoryReader reader = IndexOf(analyzer, texts);
        Query query = new QueryTranslator(analyzer, new SearchIndexOptions()).Translate(new SearchRequest("body:abcdefgh~2 sugar")).Query;

        HighlightQuery prepared = HighlightQuery.For(query, reader, Fields);

        Assert.True(prepared.HasWords);
        AssertSameMatches(query, prepared, analyzer, texts);
        Assert.Single(MatchFinder.Find(prepared, analyzer, IndexSchema.Body, texts[0], Deadline.None, doc: 0)!); // "sugar"
        Assert.Equal(2, MatchFinder.Find(prepared, analyzer, IndexSchema.Body, texts[1], Deadline.None, doc: 1)!.Count);
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

    [Theory]
    [InlineData("\"crude oil\"")]
    [InlineData("\"bank of england\" rates")]
    [InlineData("\"oil prices\"~3 OR export*")]
    [InlineData("\"central bank\" \"bank rates\" -\"oil bank\"")]
    [InlineData("petrolium~2 \"crude oil\"")]
    [InlineData("title:\"oil prices\" body:\"oil prices\"")]
    [InlineData("expor* OR sugr~1")]
    [InlineData("oil")]
    [InlineData("bank rates -sugar")]
    [InlineData("title:oil OR body:prices")]
    [InlineData("oil AND \"bank of england\" AND sugars")]
    [InlineData("crude oil near england", QuerySyntax.Simple)]
    [InlineData("\"bank of england\" -sugar expor", QuerySyntax.Simple)]
    public async Task SearchHighlights_InSeveralSegments_AreThoseOfTheScorersOwnPath(string text, QuerySyntax syntax = QuerySyntax.Lucene)
    {
        // Positions read from the index must be those of the stored text analysed again, in every segment.
        var random = new Random(16);
        string[] words = ["crude", "oil", "prices", "bank", "of", "England", "central", "rates", "exports", "exporting", "Café",
            "petroleum", "the", "and", "sugar", "sugars", "rose", "fell", "in", "Brasília", "co-operation", "U.S.", "oil's", "'bank'",
            "The", "an", "3.5", "oil-prices", "rates,", "(oil)", new string('x', 300), "oil\u00ADprices", "ﬁnance", "Ölpreis"];
        using SearchIndex index = SearchIndex.InMemory();
        for (int batch = 0; batch < 4; batch++)
        {
            for (int i = 0; i < 40; i++)
            {
                string title = string.Join(' ', Enumerable.Range(0, 5).Select(_ => words[random.Next(words.Length)]));
                string body = string.Join(random.Next(3) == 0 ? ". " : " ", Enumerable.Range(0, 60).Select(_ => words[random.Next(words.Length)]));
                await index.UpsertAsync(TestDocs.Doc($"d{batch}-{i}", title, body));
            }
            await index.CommitAsync(); // a segment per batch
        }
        Analyzer analyzer = IndexSchema.CreateAnalyzer();
        // Typos off: the scorer's query here is translated without the index's words, which typo tolerance reads.
        var request = new SearchRequest(text) { Syntax = syntax, Typos = TypoTolerance.Off, AsYouType = syntax == QuerySyntax.Simple, Size = 100, Highlight = new HighlightOptions() };
        Query query = new QueryTranslator(analyzer, new SearchIndexOptions()).Translate(request).Query;

        // Without a time budget a phrase is read for the whole page at once; with one, hit by hit.
        SearchResults results = index.Search(request);
        SearchResults budgeted = index.Search(request with { Timeout = TimeSpan.FromMinutes(10) });

        Assert.NotEmpty(results.Hits);
        Assert.False(budgeted.IsPartial);
        Assert.Equal(results.Hits.Select(h => h.Matches), budgeted.Hits.Select(h => h.Matches));
        foreach (SearchHit hit in results.Hits)
        {
            SeedDocument document = index.Get(hit.Id)!;
            HighlightMatch[] expected =
            [
                .. MatchFinder.Find(query, analyzer, IndexSchema.Title, document.Title, Deadline.None)!
                    .Select(m => new HighlightMatch { Field = HighlightMatch.TitleField, Start = m.Start, End = m.End }),
                .. MatchFinder.Find(query, analyzer, IndexSchema.Body, document.Body, Deadline.None)!
                    .Select(m => new HighlightMatch { Field = HighlightMatch.BodyField, Start = m.Start, End = m.End }),
            ];
            Assert.Equal(expected, hit.Matches);
        }
    }

    private static readonly string[] Fields = [IndexSchema.Title, IndexSchema.Body];

    private static void AssertSameMatches(Query query, HighlightQuery prepared, Analyzer analyzer, string[] texts)
    {
        int marked = 0;
        for (int doc = 0; doc < texts.Length; doc++)
        {
            foreach (string field in Fields)
            {
                List<TextSpan> expected = MatchFinder.Find(query, analyzer, field, texts[doc], Deadline.None)!;
                Assert.Equal(expected, MatchFinder.Find(prepared, analyzer, field, texts[doc], Deadline.None, doc));
                marked += expected.Count;
            }
        }
        Assert.True(marked > 0, "the texts must give each query something to mark");
    }

    /// <summary>The texts as title and body of one document each, analysed as the index analyses them; document i is text i.</summary>
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
