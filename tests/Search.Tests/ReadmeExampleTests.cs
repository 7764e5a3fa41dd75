namespace Search.Tests;

/// <summary>Keeps the README's library example compiling and working: the code between the markers below must
/// appear verbatim in README.md and in the package readme, and it runs here against the seed folder.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task ReadmeExample_RunsOnTheSeeds()
    {
        using var indexFolder = new TempFolder();
        string seeds = TestDocs.SeedFolder;
        string indexPath = Path.Combine(indexFolder.Path, "index");
        var output = new StringWriter();
        TextWriter original = Console.Out;
        Console.SetOut(output);
        try
        {
            await Example(indexPath, seeds);
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Contains("1 added", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("<mark>Kabul</mark>", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData("src/Search/PACKAGE.md")] // the readme NuGet shows for the Search package
    public void ReadmeExample_AppearsVerbatimIn(string file)
    {
        string[] source = File.ReadAllLines(RepositoryFiles.Path("tests", "Search.Tests", "ReadmeExampleTests.cs"));
        // Whole-line matches, so these two lines, which hold the markers in quotes, are not taken for them.
        int start = Array.FindIndex(source, l => l.Trim() == "// README example start") + 1;
        int end = Array.FindIndex(source, l => l.Trim() == "// README example end");
        string indent = new(' ', 8);
        string example = string.Join('\n', source[start..end].Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l.TrimStart()));

        Assert.True(start > 0 && end > start, "The README example markers were not found in this file.");
        string readme = File.ReadAllText(RepositoryFiles.Path(file.Split('/'))).ReplaceLineEndings("\n");

        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    /// <summary>The ASP.NET Core example is the sample app's Program.cs (which the API tests host), shown verbatim.</summary>
    [Theory]
    [InlineData("README.md")]
    [InlineData("src/Search.AspNetCore/PACKAGE.md")] // the readme NuGet shows for the Search.AspNetCore package
    public void WebExample_AppearsVerbatimIn(string file)
    {
        string[] source = File.ReadAllLines(RepositoryFiles.Path("samples", "Search.WebApp", "Program.cs"));
        int start = Array.FindIndex(source, l => l.Trim() == "// README example start") + 1;
        int end = Array.FindIndex(source, l => l.Trim() == "// README example end");
        Assert.True(start > 0 && end > start, "The README example markers were not found in the sample app.");
        string example = string.Join('\n', source[start..end]);
        string readme = File.ReadAllText(RepositoryFiles.Path(file.Split('/'))).ReplaceLineEndings("\n");

        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    private static async Task Example(string indexPath, string seeds)
    {
        // README example start
        using SearchIndex index = SearchIndex.Open(indexPath);
        IndexReport report = await index.IndexDirectoryAsync(seeds);
        Console.WriteLine($"{report.Added} added, {report.Updated} updated, {report.Failures.Count} failed");

        await index.UpsertAsync(new SeedDocument("notes/1", "Kabul airport", "Crowds gathered at the airport.", new DateOnly(2021, 8, 16)));
        await index.CommitAsync();

        SearchResults results = index.Search(new SearchRequest("kabul AND (taliban OR airport)")
        {
            DateFrom = new DateOnly(2021, 8, 1),
            Sort = SearchSort.Relevance,
            Size = 10,
        });
        foreach (SearchHit hit in results.Hits)
        {
            Console.WriteLine($"{hit.Date:yyyy-MM-dd}  {hit.HighlightedTitle}  ({hit.Id})");
            foreach (string snippet in hit.Snippets)
                Console.WriteLine($"    {snippet}");
        }
        // README example end
    }
}
