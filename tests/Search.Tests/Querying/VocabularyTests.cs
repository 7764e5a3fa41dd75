using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Search.Indexing;
using Search.Querying;

namespace Search.Tests.Querying;

public sealed class VocabularyTests : IDisposable
{
    private readonly Lucene.Net.Store.RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public VocabularyTests()
    {
        using Analyzer analyzer = IndexSchema.CreateAnalyzer();
        using var document = new IndexSchema.ReusableDocument();
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, analyzer)))
        {
            writer.AddDocument(document.Fill(TestDocs.Doc("a", "Flooding in Zürich", "The floods reached the river banks."), null));
            writer.Commit(); // a second segment: counts are summed over both
            writer.AddDocument(document.Fill(TestDocs.Doc("b", "Floods again", "Flooding and more flooding in Afghanistan."), null));
        }
        _reader = DirectoryReader.Open(_directory);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }

    [Theory]
    [InlineData("flooding", 2)] // in a title and a body, counted once per document
    [InlineData("floods", 2)]
    [InlineData("zurich", 1)] // folded
    [InlineData("afghanistan", 1)]
    [InlineData("flood", 0)] // words as written, never stems
    [InlineData("the", 0)] // stop words are not indexed
    public void DocumentsWith_CountsDocumentsHoldingTheWordAsWritten(string word, long expected) =>
        Assert.Equal(expected, new Vocabulary(_reader).DocumentsWith(word));

    [Fact]
    public void Near_FindsWordsWithinTheEditsThatShareTheFirstLetter()
    {
        IReadOnlyList<WordCount> near = new Vocabulary(_reader).Near("afganistan", maxEdits: 2);

        Assert.Equal([new WordCount("afghanistan", 1, 1)], near);
        Assert.Empty(new Vocabulary(_reader).Near("gfghanistan", maxEdits: 2)); // the first letter differs
        Assert.Contains(new WordCount("floods", 2, 1), new Vocabulary(_reader).Near("flodos", maxEdits: 1)); // a transposition is one edit
    }

    [Fact]
    public void StartingWith_GivesWordsInMostDocumentsFirstThenInOrder()
    {
        IReadOnlyList<WordCount> words = new Vocabulary(_reader).StartingWith("f", limit: 10);

        Assert.Equal(["flooding", "floods"], words.Select(w => w.Word));
        Assert.Equal(["afghanistan"], new Vocabulary(_reader).StartingWith("af", 10).Select(w => w.Word));
        Assert.Equal(["flooding"], new Vocabulary(_reader).StartingWith("f", 1).Select(w => w.Word));
        Assert.Empty(new Vocabulary(_reader).StartingWith("zz", 10));
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("flood", "folod", 1)]
    [InlineData("abc", "abc", 0)]
    [InlineData("", "abc", 3)]
    public void EditDistance_CountsTranspositionsAsOneEdit(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.Between(a, b));
}
