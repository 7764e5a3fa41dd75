using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Search.Indexing;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Tests.Reliability;

public class IndexCheckTests
{
    [Fact]
    public async Task Check_HealthyIndex_ReportsCleanWithCounts()
    {
        using var folder = new TempFolder();
        using (SearchIndex index = SearchIndex.Open(folder.Path))
        {
            for (int i = 0; i < 20; i++)
                await index.UpsertAsync(TestDocs.Doc($"d{i}", $"Title {i}", $"Body text {i}"));
            await index.CommitAsync();
        }

        IndexCheckReport report = SearchIndex.Check(folder.Path);

        Assert.True(report.Healthy, string.Join("; ", report.Problems));
        Assert.Equal(20, report.Documents);
        Assert.True(report.Segments >= 1);
        Assert.Empty(report.Problems);
        Assert.NotEmpty(report.Details);
    }

    [Fact]
    public async Task Check_DamagedSegmentFile_ReportsTheProblemAndTouchesNothing()
    {
        using var folder = new TempFolder();
        using (SearchIndex index = SearchIndex.Open(folder.Path))
        {
            for (int i = 0; i < 50; i++)
                await index.UpsertAsync(TestDocs.Doc($"d{i}", $"Title {i}", $"Body text number {i} with some more words"));
            await index.CommitAsync();
        }
        string victim = System.IO.Directory.GetFiles(folder.Path).Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal))
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).OrderByDescending(f => new FileInfo(f).Length).First();
        byte[] bytes = File.ReadAllBytes(victim);
        for (int i = bytes.Length / 3; i < bytes.Length / 3 + 64 && i < bytes.Length; i++)
            bytes[i] ^= 0x5A;
        File.WriteAllBytes(victim, bytes);

        IndexCheckReport report = SearchIndex.Check(folder.Path);

        Assert.False(report.Healthy);
        Assert.NotEmpty(report.Problems);
        Assert.Equal(bytes, File.ReadAllBytes(victim));
    }

    [Fact]
    public void Check_FolderWithoutIndex_ThrowsIndexUnavailable()
    {
        using var folder = new TempFolder();

        Assert.Throws<IndexUnavailableException>(() => SearchIndex.Check(folder.Path));
    }

    [Fact]
    public async Task Check_SegmentFileMissingFromTheLastCommit_ReportsDamage()
    {
        using var folder = new TempFolder();
        using (SearchIndex index = SearchIndex.Open(folder.Path))
        {
            for (int i = 0; i < 20; i++)
                await index.UpsertAsync(TestDocs.Doc($"d{i}", $"Title {i}", $"Body text {i}"));
            await index.CommitAsync();
        }
        string victim = System.IO.Directory.GetFiles(folder.Path).First(f => Path.GetExtension(f) is ".cfs" or ".fdt");
        File.Delete(victim);

        IndexCheckReport report = SearchIndex.Check(folder.Path);

        Assert.False(report.Healthy);
        Assert.False(report.Inconclusive);
        Assert.NotEmpty(report.Problems);
    }

    [Fact]
    public void Check_CommitReplacedWhileEveryAttemptPinsIt_ReportsInconclusiveNotDamage()
    {
        using var inner = new RAMDirectory();
        using var writer = new IndexWriter(inner, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer()));
        writer.AddDocument([new StringField("id", "first", Field.Store.YES)]);
        writer.Commit();
        // Not disposed here: disposing the wrapper disposes the directory under it while the writer, closed after it, may still
        // commit a merge of the many small commits; the RAMDirectory's own using closes it last.
        var directory = new SupersedingDirectory(inner, writer);

        IndexCheckReport report = IndexChecker.Check(directory);

        Assert.True(report.Inconclusive);
        Assert.False(report.Healthy);
        Assert.Contains("try again", Assert.Single(report.Problems), StringComparison.Ordinal);
        Assert.Equal(IndexChecker.MaxAttempts, directory.Replaced);
    }

    /// <summary>A directory whose writer commits again and deletes the file just asked for, each time a segment file
    /// is opened, as a busy writer in another process can between the reading of a commit and the opening of its files.</summary>
    private sealed class SupersedingDirectory(LuceneDirectory inner, IndexWriter writer) : FilterDirectory(inner)
    {
        public int Replaced { get; private set; }

        public override IndexInput OpenInput(string name, IOContext context)
        {
            // Reading the commit itself (segments_N, the segments' .si files) works; the pinning that follows does not.
            if (name.StartsWith(IndexFileNames.SEGMENTS, StringComparison.Ordinal) || name.EndsWith(".si", StringComparison.Ordinal))
                return base.OpenInput(name, context);
            writer.AddDocument([new StringField("id", "more" + Replaced, Field.Store.YES)]);
            writer.Commit();
            Replaced++;
            throw new FileNotFoundException($"{name} was deleted", name);
        }
    }
}
