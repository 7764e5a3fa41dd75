namespace Search.Tests;

/// <summary>Small builders for the documents and folders tests need.</summary>
internal static class TestDocs
{
    public static SeedDocument Doc(string id, string title, string body, string? date = null) =>
        new(id, title, body, date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<SearchIndex> IndexOf(params SeedDocument[] documents)
    {
        SearchIndex index = SearchIndex.InMemory();
        foreach (SeedDocument document in documents)
            await index.UpsertAsync(document);
        await index.CommitAsync();
        return index;
    }

    /// <summary>The seed article shipped in <c>seeds/</c>, copied next to the test assembly.</summary>
    public static string SeedFolder => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static string SeedFile => Directory.EnumerateFiles(SeedFolder, "*.txt").Single();
}

/// <summary>A temporary folder deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "search-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public string Write(string relativePath, string text)
    {
        string full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string WriteBytes(string relativePath, byte[] bytes)
    {
        string full = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS temp cleaner gets the rest.
        }
    }
}
