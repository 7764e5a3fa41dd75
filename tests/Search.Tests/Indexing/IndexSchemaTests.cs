using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Documents;
using Search.Indexing;

namespace Search.Tests.Indexing;

public class IndexSchemaTests
{
    [Theory]
    [InlineData("2021-08-14")]
    [InlineData(null)]
    public void FromLucene_OfToLucene_RoundTripsTheDocument(string? date)
    {
        SeedDocument document = TestDocs.Doc("folder/id-1", "Title “quoted”", "Body 😀 with\n\nparagraphs.", date);

        SeedDocument back = IndexSchema.FromLucene(IndexSchema.ToLucene(document));

        Assert.Equal(document, back);
    }

    [Fact]
    public void ToLucene_WithOrigin_StoresPathAndHash()
    {
        var origin = new FileOrigin("/data", "/data/a.txt", "ABC123");

        var lucene = IndexSchema.ToLucene(TestDocs.Doc("a", "t", "b"), origin);

        Assert.Equal("/data/a.txt", IndexSchema.PathOf(lucene));
        Assert.Equal("ABC123", lucene.Get(IndexSchema.Hash, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void CreateAnalyzer_TextFields_StemLowercaseAndDropStopWords()
    {
        using Analyzer analyzer = IndexSchema.CreateAnalyzer();

        Assert.Equal(["flood", "kabul", "taliban"], Tokens(analyzer, IndexSchema.Body, "The Floods of Kabul's Taliban"));
        Assert.Equal(["flood"], Tokens(analyzer, IndexSchema.Title, "flooded"));
    }

    [Fact]
    public void CreateAnalyzer_Id_IsOneExactToken()
    {
        using Analyzer analyzer = IndexSchema.CreateAnalyzer();

        Assert.Equal(["Folder/The Id"], Tokens(analyzer, IndexSchema.Id, "Folder/The Id"));
    }

    private static List<string> Tokens(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<string>();
        using TokenStream stream = analyzer.GetTokenStream(field, text);
        ICharTermAttribute term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
            tokens.Add(term.ToString());
        stream.End();
        return tokens;
    }
}
