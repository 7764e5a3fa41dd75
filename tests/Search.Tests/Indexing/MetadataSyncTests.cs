using System.Globalization;

namespace Search.Tests.Indexing;

/// <summary>A folder sync takes the documents' tags from a metadata table (<see cref="DirectorySyncOptions.Metadata"/>): rows
/// name documents by path (with or without .txt) or id, a changed row re-indexes its document, bad rows are reported by
/// file and row, and a bad header or a missing table stops the sync before anything is indexed.</summary>
public sealed class MetadataSyncTests
{
    private static string Seed(string title, string body) => $" date 2021-08-14 {title}\n\n{body}\n";

    private static TempFolder Folder()
    {
        var folder = new TempFolder();
        folder.Write("docs/reut-1.txt", Seed("Cocoa review", "Showers in the cocoa zone."));
        folder.Write("docs/reut-2.txt", Seed("Wheat", "Wheat exports."));
        folder.Write("docs/sub/reut-3.txt", Seed("Corn", "Corn and wheat."));
        folder.Write("docs/reut-4.txt", Seed("No row", "Nothing tagged."));
        return folder;
    }

    private static string Table(TempFolder folder, params string[] lines) => folder.Write("meta.tsv", string.Join("\n", lines) + "\n");

    private static Task<IndexReport> Sync(SearchIndex index, TempFolder folder, string table) =>
        index.IndexDirectoryAsync(folder.Combine("docs"), new DirectorySyncOptions { Metadata = table });

    private static IReadOnlyList<string>? Values(SearchIndex index, string id, string tag) =>
        index.Get(id)!.Tags.TryGetValue(tag, out IReadOnlyList<string>? values) ? values : null;

    [Fact]
    public async Task IndexDirectory_WithTable_TagsDocumentsNamedByPathWithOrWithoutTxtOrById()
    {
        using TempFolder folder = Folder();
        string table = Table(folder,
            "file\ttopics\tplaces\tdate_raw",
            "reut-1.txt\tcocoa\tel-salvador, usa ,uruguay\t26-FEB-1987 15:01:01.79",
            "reut-2\tgrain,wheat\t\t",
            "sub/reut-3.txt\tcorn\tUSA\t",
            "missing.txt\tx\ty\tz");
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await Sync(index, folder, table);

        Assert.Empty(report.Failures);
        Assert.Equal(4, report.Added);
        Assert.Equal(["cocoa"], Values(index, "reut-1", "topics"));
        Assert.Equal(["el-salvador", "usa", "uruguay"], Values(index, "reut-1", "places"));
        Assert.Equal(["26-FEB-1987 15:01:01.79"], Values(index, "reut-1", "date_raw"));
        Assert.Equal(["topics"], index.Get("reut-2")!.Tags.Keys);
        Assert.Equal(["grain", "wheat"], Values(index, "reut-2", "topics"));
        Assert.Equal(["USA"], Values(index, "sub/reut-3", "places"));
        Assert.Empty(index.Get("reut-4")!.Tags);
    }

    [Fact]
    public async Task IndexDirectory_SameTableAgain_LeavesEverythingUnchanged()
    {
        using TempFolder folder = Folder();
        string table = Table(folder, "file\ttopics", "reut-1.txt\tcocoa", "reut-2.txt\tgrain");
        using SearchIndex index = SearchIndex.InMemory();
        await Sync(index, folder, table);

        IndexReport again = await Sync(index, folder, table);

        Assert.Equal((0, 0, 4), (again.Added, again.Updated, again.Unchanged));
    }

    [Fact]
    public async Task IndexDirectory_OneRowChanged_ReindexesExactlyThatDocument()
    {
        using TempFolder folder = Folder();
        Table(folder, "file\ttopics", "reut-1.txt\tcocoa", "reut-2.txt\tgrain", "reut-3.txt\tcorn");
        using SearchIndex index = SearchIndex.InMemory();
        await Sync(index, folder, folder.Combine("meta.tsv"));
        string table = Table(folder, "file\ttopics", "reut-1.txt\tcocoa", "reut-2.txt\tgrain,wheat", "reut-3.txt\tcorn");

        IndexReport report = await Sync(index, folder, table);

        Assert.Equal((0, 1, 3), (report.Added, report.Updated, report.Unchanged));
        Assert.Equal(["grain", "wheat"], Values(index, "reut-2", "topics"));
        Assert.Equal(1, index.Search(new SearchRequest("topics:wheat")).TotalHits);
    }

    [Fact]
    public async Task IndexDirectory_RowRemovedOrTableDropped_ReindexesWithoutTags()
    {
        using TempFolder folder = Folder();
        string table = Table(folder, "file\ttopics", "reut-1.txt\tcocoa", "reut-2.txt\tgrain");
        using SearchIndex index = SearchIndex.InMemory();
        await Sync(index, folder, table);

        IndexReport withoutRow = await Sync(index, folder, Table(folder, "file\ttopics", "reut-1.txt\tcocoa"));
        IndexReport withoutTable = await index.IndexDirectoryAsync(folder.Combine("docs"));

        Assert.Equal((1, 3), (withoutRow.Updated, withoutRow.Unchanged));
        Assert.Equal((1, 3), (withoutTable.Updated, withoutTable.Unchanged));
        Assert.Empty(index.Get("reut-1")!.Tags);
        Assert.Empty(index.Get("reut-2")!.Tags);
    }

    [Fact]
    public async Task IndexDirectory_BadRows_AreFailuresNamingTableAndRowAndTheDocumentsAreIndexedWithoutTags()
    {
        using TempFolder folder = Folder();
        string table = Table(folder,
            "file\ttopics\tplaces",
            "reut-1.txt\tcocoa",
            "reut-2.txt\t" + new string('w', 257) + "\tusa",
            "sub/reut-3.txt\tcorn\tusa",
            "sub/reut-3\tcorn,wheat\tusa");
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await Sync(index, folder, table);

        Assert.Equal(4, report.Added);
        Assert.Equal(3, report.Failures.Count);
        Assert.All(report.Failures, failure => Assert.Equal(table, failure.Path));
        IndexFailure columns = Assert.Single(report.Failures, f => f.Id == "reut-1");
        Assert.Equal($"{table}: row 2: it has 2 cells where the header has 3 columns; the document 'reut-1' is indexed without tags.", columns.Message);
        IndexFailure value = Assert.Single(report.Failures, f => f.Id == "reut-2");
        Assert.StartsWith($"{table}: row 3: the tag \"topics\" has a value of 257 characters", value.Message, StringComparison.Ordinal);
        IndexFailure twice = Assert.Single(report.Failures, f => f.Id == "sub/reut-3");
        Assert.Equal($"{table}: row 5: it names the document 'sub/reut-3' again (row 4 named it first); the row is not used.", twice.Message);
        Assert.Empty(index.Get("reut-1")!.Tags);
        Assert.Empty(index.Get("reut-2")!.Tags);
        Assert.Equal(["corn"], Values(index, "sub/reut-3", "topics"));
    }

    [Theory]
    [InlineData("file\tTopics", "column 2 of the header: the tag name \"Topics\" is not valid")]
    [InlineData("file\ttopics\tdate", "column 3 of the header: the tag name \"date\" is reserved")]
    [InlineData("file\ttopics\ttopics", "column 3 of the header: the tag name \"topics\" names an earlier column too")]
    [InlineData("file\ttopics\t", "column 3 of the header: the tag name \"\" is not valid")]
    [InlineData("", "has no header row")]
    public async Task IndexDirectory_BadHeader_FailsBeforeIndexingAnything(string header, string expected)
    {
        using TempFolder folder = Folder();
        string table = Table(folder, header, "reut-1.txt\tcocoa");
        using SearchIndex index = SearchIndex.InMemory();

        SearchException error = await Assert.ThrowsAsync<SearchException>(() => Sync(index, folder, table));

        Assert.Contains(table, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task IndexDirectory_MissingTable_FailsBeforeIndexingAnything()
    {
        using TempFolder folder = Folder();
        using SearchIndex index = SearchIndex.InMemory();
        string table = folder.Combine("nope.tsv");

        FileNotFoundException error = await Assert.ThrowsAsync<FileNotFoundException>(() => Sync(index, folder, table));

        Assert.Equal($"The metadata table '{table}' does not exist.", error.Message);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task IndexDirectory_TableNotUtf8_FailsNamingIt()
    {
        using TempFolder folder = Folder();
        string table = folder.WriteBytes("meta.tsv", [.. "file\ttopics\nreut-1.txt\tcaf"u8, 0xE9, (byte)'\n']);
        using SearchIndex index = SearchIndex.InMemory();

        SearchException error = await Assert.ThrowsAsync<SearchException>(() => Sync(index, folder, table));

        Assert.Contains("is not UTF-8 text", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public async Task IndexDirectory_TwoFolders_EachNamesItsDocumentsRelativeToItself()
    {
        using var folder = new TempFolder();
        folder.Write("one/a.txt", Seed("A", "alpha"));
        folder.Write("two/b.txt", Seed("B", "beta"));
        string table = Table(folder, "file\ttopics", "a.txt\tfirst", "b.txt\tsecond");
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport one = await index.IndexDirectoryAsync(folder.Combine("one"), new DirectorySyncOptions { Metadata = table });
        IndexReport two = await index.IndexDirectoryAsync(folder.Combine("two"), new DirectorySyncOptions { Metadata = table });

        Assert.Empty(one.Failures.Concat(two.Failures));
        Assert.Equal(["first"], Values(index, "a", "topics"));
        Assert.Equal(["second"], Values(index, "b", "topics"));
    }

    [Fact]
    public async Task IndexDirectory_BlankMetadataOption_IsRefusedNamingTheProperty()
    {
        using TempFolder folder = Folder();
        using SearchIndex index = SearchIndex.InMemory();

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => Sync(index, folder, " "));

        Assert.Equal("Metadata", error.ParamName);
    }

    /// <summary>The check of the issue's "done when": on a folder with its own table, the documents a tag query finds for
    /// each value are exactly those whose rows list it, and the stats count the documents holding each tag as the table does.</summary>
    [Fact]
    public async Task IndexDirectory_TagCounts_AgreeWithTheTable()
    {
        using var folder = new TempFolder();
        string[] topics = ["earn", "acq", "grain", "wheat", "crude", "money-fx"];
        string[] places = ["usa", "uk", "canada", "japan"];
        var random = new Random(1987);
        var lines = new List<string> { "file\ttopics\tplaces" };
        for (int i = 1; i <= 120; i++)
        {
            folder.Write($"docs/reut-{i}.txt", Seed($"Story {i}", $"Text of story {i}."));
            if (i % 10 == 0)
                continue; // no row
            string Pick(string[] values) => string.Join(",", values.Where(_ => random.Next(3) == 0));
            lines.Add($"{(i % 2 == 0 ? $"reut-{i}.txt" : $"reut-{i}")}\t{Pick(topics)}\t{Pick(places)}");
        }
        string table = Table(folder, [.. lines]);
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await Sync(index, folder, table);

        Assert.Empty(report.Failures);
        // What the table says, read here independently of the library: documents per tag value, and per tag.
        string[] header = File.ReadAllLines(table)[0].Split('\t');
        var expected = new Dictionary<(string Tag, string Value), int>();
        var holding = new Dictionary<string, int>();
        foreach (string line in File.ReadAllLines(table).Skip(1))
        {
            string[] cells = line.Split('\t');
            for (int column = 1; column < header.Length; column++)
            {
                string[] values = cells[column].Split(',', StringSplitOptions.RemoveEmptyEntries);
                foreach (string value in values)
                    expected[(header[column], value)] = expected.GetValueOrDefault((header[column], value)) + 1;
                if (values.Length > 0)
                    holding[header[column]] = holding.GetValueOrDefault(header[column]) + 1;
            }
        }
        foreach (((string tag, string value), int count) in expected)
        {
            long found = index.Search(new SearchRequest($"{tag}:{value}") { Size = 0 }).TotalHits;
            Assert.True(found == count, string.Create(CultureInfo.InvariantCulture, $"{tag}:{value} found {found}, the table has {count}"));
        }
        Assert.Equal([.. holding.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => new TagCount(h.Key, h.Value))], index.GetStats().Tags);
    }
}
