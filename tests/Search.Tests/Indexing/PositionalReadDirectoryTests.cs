using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Tests.Indexing;

/// <summary>The directory every index is read through: what Lucene wrote comes back byte for byte, from any position, in
/// clones and compound-file slices, on many threads at once, and reading past the end fails as Lucene expects.</summary>
public sealed class PositionalReadDirectoryTests
{
    // Several buffers long (1,024 bytes each for searches), and not a multiple of one.
    private static readonly byte[] Content = [.. Enumerable.Range(0, 10_000).Select(i => (byte)(i * 31 + i / 256))];

    [Fact]
    public void OpenInput_ReadsWhatWasWritten_WholeAndFromAnyPosition()
    {
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");

        using IndexInput input = directory.OpenInput("data", IOContext.DEFAULT);
        Assert.Equal(Content.Length, input.Length);
        Assert.Equal(Content, ReadAll(input));
        foreach (int position in new[] { 9_999, 0, 1_023, 1_024, 5_000, 3 })
        {
            input.Seek(position);
            Assert.Equal(Content[position], input.ReadByte());
            Assert.Equal(position + 1, input.Position);
        }
        input.Seek(2_000);
        var large = new byte[4_000]; // more than a buffer: read in one call
        input.ReadBytes(large, 0, large.Length);
        Assert.Equal(Content[2_000..6_000], large);
    }

    [Fact]
    public void ReadPastTheEnd_ThrowsEndOfStream()
    {
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");
        using IndexInput input = directory.OpenInput("data", IOContext.DEFAULT);

        input.Seek(Content.Length - 2);
        input.ReadByte();
        input.ReadByte();
        Assert.Throws<EndOfStreamException>(() => input.ReadByte());
        input.Seek(Content.Length - 10);
        Assert.Throws<EndOfStreamException>(() => input.ReadBytes(new byte[5_000], 0, 5_000));
    }

    [Fact]
    public void Clone_ReadsOnItsOwn_AndDisposingItLeavesTheFileOpen()
    {
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");
        using IndexInput input = directory.OpenInput("data", IOContext.DEFAULT);
        input.Seek(100);

        var clone = (IndexInput)input.Clone();
        clone.Seek(7_000);
        Assert.Equal(Content[7_000], clone.ReadByte());
        clone.Dispose();

        Assert.Equal(100, input.Position);
        Assert.Equal(Content[100], input.ReadByte());
    }

    [Fact]
    public void Slices_ReadTheirWindowOnly_AndOutliveNothingButTheSlicer()
    {
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");
        using Lucene.Net.Store.Directory.IndexInputSlicer slicer = directory.CreateSlicer("data", IOContext.DEFAULT);

        using IndexInput slice = slicer.OpenSlice("middle", 3_000, 2_500);
        Assert.Equal(2_500, slice.Length);
        Assert.Equal(Content[3_000..5_500], ReadAll(slice));
        Assert.Throws<EndOfStreamException>(() => slice.ReadByte());
        slice.Seek(10);
        Assert.Equal(Content[3_010], slice.ReadByte());
    }

    [Fact]
    public void DisposingTheInputOrTheSlicer_ReleasesTheFile()
    {
        // Clones and slices share the handle and never close it; the input or slicer they came from does.
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");
        IndexInput input = directory.OpenInput("data", IOContext.DEFAULT);
        var clone = (IndexInput)input.Clone();
        Lucene.Net.Store.Directory.IndexInputSlicer slicer = directory.CreateSlicer("data", IOContext.DEFAULT);
        IndexInput slice = slicer.OpenSlice("middle", 3_000, 2_500);

        input.Dispose();
        slicer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => clone.ReadByte());
        Assert.Throws<ObjectDisposedException>(() => slice.ReadByte());
    }

    [Fact]
    public void ManyThreads_ReadingSlicesOfOneCompoundFile_EachReadTheRightBytes()
    {
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");
        using Lucene.Net.Store.Directory.IndexInputSlicer slicer = directory.CreateSlicer("data", IOContext.DEFAULT);

        Parallel.For(0, 32, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            int offset = i * 200;
            using IndexInput slice = slicer.OpenSlice($"slice{i}", offset, 3_000);
            Assert.Equal(Content[offset..(offset + 3_000)], ReadAll(slice));
        });
    }

    [Fact]
    public void ManyThreads_ReadingClonesOfOneInput_EachReadTheRightBytes()
    {
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");
        using IndexInput input = directory.OpenInput("data", IOContext.DEFAULT);

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var clone = (IndexInput)input.Clone();
            var random = new Random(i);
            for (int read = 0; read < 500; read++)
            {
                int position = random.Next(Content.Length - 100);
                clone.Seek(position);
                var bytes = new byte[100];
                clone.ReadBytes(bytes, 0, bytes.Length);
                Assert.Equal(Content[position..(position + 100)], bytes);
            }
        });
    }

    [Fact]
    public void AFileDeletedWhileOpen_StaysReadable()
    {
        // A merge deletes the segments it replaced while searches still read them.
        using var folder = new TempFolder();
        using var directory = WithFile(folder, "data");
        using IndexInput input = directory.OpenInput("data", IOContext.DEFAULT);

        directory.DeleteFile("data");

        Assert.False(File.Exists(folder.Combine("data")));
        Assert.Equal(Content, ReadAll(input));
    }

    [Fact]
    public void OpenInput_OnAMissingFile_ThrowsFileNotFound()
    {
        using var folder = new TempFolder();
        using var directory = new PositionalReadDirectory(folder.Path);

        Assert.Throws<FileNotFoundException>(() => directory.OpenInput("absent", IOContext.DEFAULT));
        Assert.Throws<FileNotFoundException>(() => directory.CreateSlicer("absent", IOContext.DEFAULT));
    }

    [Fact]
    public void AnIndexInCompoundFiles_SearchesAsWritten()
    {
        // Small merged segments are packed into compound files, which are read through slices.
        using var folder = new TempFolder();
        using var directory = new PositionalReadDirectory(folder.Path);
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new StandardAnalyzer(LuceneVersion.LUCENE_48)) { UseCompoundFile = true };
        using (var writer = new IndexWriter(directory, config))
        {
            for (int i = 0; i < 30; i++)
                writer.AddDocument([new TextField("body", $"kabul report number{i}", Field.Store.YES)]);
            writer.Commit();
        }
        Assert.Contains(directory.ListAll(), name => name.EndsWith(".cfs", StringComparison.Ordinal));

        using DirectoryReader reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        Assert.Equal(30, searcher.Search(new TermQuery(new Term("body", "kabul")), 100).TotalHits);
        ScoreDoc hit = Assert.Single(searcher.Search(new TermQuery(new Term("body", "number17")), 10).ScoreDocs);
        Assert.Equal("kabul report number17", searcher.Doc(hit.Doc).Get("body", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static PositionalReadDirectory WithFile(TempFolder folder, string name)
    {
        var directory = new PositionalReadDirectory(folder.Path);
        using (IndexOutput output = directory.CreateOutput(name, IOContext.DEFAULT))
            output.WriteBytes(Content, Content.Length);
        return directory;
    }

    private static byte[] ReadAll(IndexInput input)
    {
        var bytes = new byte[input.Length - input.Position];
        input.ReadBytes(bytes, 0, bytes.Length);
        return bytes;
    }
}
