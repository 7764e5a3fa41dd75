using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Indexing;

namespace Search.Tests.Indexing;

public class IndexSchemaTests
{
    [Theory]
    [InlineData("2021-08-14")]
    [InlineData(null)]
    public void FromLucene_OfAFilledDocument_RoundTripsTheDocument(string? date)
    {
        SeedDocument document = TestDocs.Doc("folder/id-1", "Title “quoted”", "Body 😀 with\n\nparagraphs.", date);

        SeedDocument back = IndexSchema.FromLucene(new IndexSchema.ReusableDocument().Fill(document, origin: null));

        Assert.Equal(document, back);
    }

    [Theory]
    [InlineData("a", ".txt")]
    [InlineData("sub/dir/b", ".txt")]
    [InlineData("c.txt", ".TXT")]
    public void SegmentOrigins_OfAnIndexedOrigin_GiveBackFolderFileAndHash(string id, string extension)
    {
        string folder = Path.Combine(Path.GetTempPath(), "data");
        string file = Path.Combine([folder, .. id.Split('/')]) + extension;
        var origin = new FileOrigin(folder, file, UInt128.MaxValue - 12345);
        using var directory = new Lucene.Net.Store.RAMDirectory();
        using Analyzer analyzer = IndexSchema.CreateAnalyzer();
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer)))
        {
            writer.AddDocument(new IndexSchema.ReusableDocument().Fill(TestDocs.Doc(id, "t", "b"), origin));
            writer.AddDocument(new IndexSchema.ReusableDocument().Fill(TestDocs.Doc("upserted", "t", "b"), origin: null));
        }
        using var reader = Lucene.Net.Index.DirectoryReader.Open(directory);
        var origins = new SegmentOrigins(reader.Leaves[0].AtomicReader);

        Assert.Equal((origin.ContentHash, folder), origins.Read(0));
        Assert.Equal(file, origins.FilePath(0, id, folder));
        Assert.Null(origins.Read(1));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("sub/dir/b.c")]
    public void IdOf_TheFilePathOfAnId_GivesBackTheId(string id)
    {
        string folder = Path.Combine(Path.GetTempPath(), "data");

        string file = IndexSchema.FilePath(folder, id, extension: null);

        Assert.Equal(Path.Combine([folder, .. id.Split('/')]) + ".txt", file);
        Assert.Equal(id, IndexSchema.IdOf(file, folder.Length + 1, isFile: true));
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
