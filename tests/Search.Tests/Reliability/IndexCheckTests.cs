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

        Search.Indexing.IndexCheckReport report = SearchIndex.Check(folder.Path);

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
        string victim = Directory.GetFiles(folder.Path).Where(f => !Path.GetFileName(f).StartsWith("segments", StringComparison.Ordinal))
            .Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).OrderByDescending(f => new FileInfo(f).Length).First();
        byte[] bytes = File.ReadAllBytes(victim);
        for (int i = bytes.Length / 3; i < bytes.Length / 3 + 64 && i < bytes.Length; i++)
            bytes[i] ^= 0x5A;
        File.WriteAllBytes(victim, bytes);

        Search.Indexing.IndexCheckReport report = SearchIndex.Check(folder.Path);

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
}
