using System.Text;
using CsCheck;

namespace Search.Tests.Reliability;

/// <summary>
/// Whatever a folder holds, each file is indexed correctly or reported with its own reason, the rest of the folder is
/// indexed, and the writer stays usable. Documents given through the API with odd text and dates are stored and found.
/// </summary>
public sealed class DocumentFuzzTests
{
    [Fact]
    public async Task IndexDirectory_HostileFiles_EachIsIndexedOrReportedAndTheRestIsIndexed()
    {
        using var folder = new TempFolder();
        var random = new Random(31);
        string word = new('k', 40_000); // one "word" over Lucene's 32,766-byte term limit
        folder.Write("good/first.txt", " date 2021-08-14 First good\n\nkabul first\n");
        for (int i = 0; i < 20; i++)
        {
            byte[] noise = new byte[random.Next(1, 4_000)];
            random.NextBytes(noise);
            folder.WriteBytes($"noise/{i:D2}.txt", noise);
        }
        folder.WriteBytes("truncated-utf8.txt", [.. "Title\n\ncaf"u8, 0xC3]);
        folder.WriteBytes("overlong-utf8.txt", [.. "Title\n\n"u8, 0xC0, 0xAF]);
        folder.WriteBytes("surrogate-utf8.txt", [.. "Title\n\n"u8, 0xED, 0xA0, 0x80]);
        folder.WriteBytes("nul.txt", [.. "Title\n\nbody"u8, 0x00, .. "more"u8]);
        folder.Write("long-term.txt", $"Long term\n\nalpha {word} omega\n");
        folder.Write("ten-megabytes.txt", "Ten megabytes\n\n" + string.Concat(Enumerable.Repeat("Kabul traders count their wares. ", 320_000)));
        folder.Write("tiny-tokens.txt", "Tiny tokens\n\n" + string.Concat(Enumerable.Repeat("a b ", 500_000)) + "zanzibar\n");
        folder.Write("header-only.txt", " date 2021-08-14 Only a header");
        folder.Write("no-header.txt", "\n\n\nthe first line of text becomes the title\n\nand this the body\n");
        folder.Write("control-chars.txt", "Bell \u0007 title\n\nescape \u001b[31m red and form \u000c feed\n");
        folder.Write("bidi.txt", "مرحبا بالعالم\n\nשלום עולם \u202e reversed\n");
        folder.Write("emoji.txt", "🚀 launch\n\n👩‍👩‍👧 family 🏳️‍🌈\n");
        folder.Write("blank.txt", " \n\t\n \n");
        folder.Write("good/last.txt", "Last good\n\nkabul last\n");
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        string[] reported = [.. report.Failures.Select(f => f.Id)];
        string[] expectedFailures = ["blank", "nul", "overlong-utf8", "surrogate-utf8", "truncated-utf8"];
        Assert.All(expectedFailures, id => Assert.Contains(id, reported));
        Assert.All(report.Failures, f => Assert.StartsWith(f.Path + ":", f.Message, StringComparison.Ordinal));
        Assert.All(report.Failures.Where(f => f.Id.StartsWith("noise/", StringComparison.Ordinal)),
            f => Assert.Matches("NUL byte|invalid UTF-8|empty", f.Message));
        int noiseIndexed = 20 - reported.Count(id => id.StartsWith("noise/", StringComparison.Ordinal));
        Assert.Equal(report.Added, index.Count);
        Assert.Equal(10 + noiseIndexed, report.Added);

        Assert.Equal(["good/first", "good/last"], index.Search(new SearchRequest("kabul first OR kabul last") { Sort = SearchSort.Relevance })
            .Hits.Select(h => h.Id).Where(id => id.StartsWith("good/", StringComparison.Ordinal)).Order());
        Assert.Equal("long-term", Assert.Single(index.Search(new SearchRequest("alpha AND omega")).Hits).Id);
        Assert.Equal("ten-megabytes", Assert.Single(index.Search(new SearchRequest("wares")).Hits).Id);
        // 320,000 matches in one body: choosing its snippets once took minutes (each window scanned every match).
        SearchHit crowded = await Task.Run(() => Assert.Single(index.Search(new SearchRequest("title:megabytes AND traders")).Hits))
            .WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, crowded.Snippets.Count);
        Assert.Equal(320_001, crowded.Matches.Count);
        Assert.Equal("tiny-tokens", Assert.Single(index.Search(new SearchRequest("zanzibar")).Hits).Id);
        Assert.Equal(("Only a header", ""), (index.Get("header-only")?.Title, index.Get("header-only")?.Body));
        Assert.Equal("the first line of text becomes the title", index.Get("no-header")?.Title);
        Assert.Equal("bidi", Assert.Single(index.Search(new SearchRequest("שלום")).Hits).Id);

        await index.UpsertAsync(TestDocs.Doc("after", "Written after", "the writer is still usable"));
        await index.CommitAsync();
        Assert.Equal("after", Assert.Single(index.Search(new SearchRequest("usable")).Hits).Id);
    }

    [Fact]
    public async Task IndexDirectory_RandomFiles_AreEachIndexedOrReportedNeverBoth()
    {
        // Random bytes biased towards text: most files decode, some do not; none may stop the sync or be lost.
        Gen<byte[]> files = Gen.Frequency(
            (3, Gen.Byte.Array[0, 600]),
            (5, Gen.String[Gen.Char, 0, 300].Select(Encoding.UTF8.GetBytes)),
            (5, Gen.String[Gen.Char["ab \n\r\t.:dte0123456789-<>&\"🚀"], 0, 300].Select(Encoding.UTF8.GetBytes)));

        await files.Array[1, 30].SampleAsync(async contents =>
        {
            using var folder = new TempFolder();
            for (int i = 0; i < contents.Length; i++)
                folder.WriteBytes($"f{i:D2}.txt", contents[i]);
            using SearchIndex index = SearchIndex.InMemory();

            IndexReport report = await index.IndexDirectoryAsync(folder.Path);

            var failed = report.Failures.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
            Assert.Equal(contents.Length, report.Added + failed.Count);
            for (int i = 0; i < contents.Length; i++)
                Assert.True(failed.Contains($"f{i:D2}") != (index.Get($"f{i:D2}") is not null), $"file {i} is both or neither");
        }, iter: 60, threads: 1);
    }

    [Fact]
    public async Task Upsert_OddTextAndExtremeDates_AreStoredAndFound()
    {
        using SearchIndex index = SearchIndex.InMemory();
        SeedDocument[] documents =
        [
            new("empty-title", "", "kabul body only"),
            new("lone-surrogates", "bad \ud800 title", "bad \udc00 body kabul"),
            new("controls", "\u0001\u0002", "kabul \u0000 with a NUL through the API"),
            new("first-day", "First day", "kabul", DateOnly.MinValue),
            new("last-day", "Last day", "kabul", DateOnly.MaxValue),
            new("duplicate", "First version", "kabul"),
            new("duplicate", "Second version", "kabul"),
        ];
        foreach (SeedDocument document in documents)
            await index.UpsertAsync(document);
        await index.CommitAsync();

        Assert.Equal(6, index.Count);
        Assert.Equal(6, index.Search(new SearchRequest("kabul")).TotalHits);
        Assert.Equal("Second version", index.Get("duplicate")?.Title);
        // Lucene stores text as UTF-8, in which a lone surrogate cannot be written: it comes back as U+FFFD.
        Assert.Equal("bad \ufffd title", index.Get("lone-surrogates")?.Title);
        Assert.Equal(["last-day", "first-day"], index.Search(new SearchRequest("kabul") { Sort = SearchSort.DateDescending, Size = 2 }).Hits.Select(h => h.Id));
        Assert.Equal("first-day", index.Search(new SearchRequest("*") { DateTo = DateOnly.MinValue }).Hits.Single().Id);
        Assert.Equal("last-day", index.Search(new SearchRequest("date:[9999-12-31 TO *]")).Hits.Single().Id);
        SearchHit surrogate = index.Search(new SearchRequest("id:lone-surrogates")).Hits.Single();
        Assert.All(surrogate.Snippets.Append(surrogate.HighlightedTitle!), s => Assert.True(Highlighting.Highlights.IsValidUtf16(s), s));
    }
}
