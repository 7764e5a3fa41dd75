namespace Search.Tests;

/// <summary>A temporary folder deleted when the test ends; the one copy both test projects use.</summary>
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

    /// <summary>Copies the shipped seed article (linked next to the test assembly) into ./seeds, as in a fresh clone.</summary>
    public string CopySeeds()
    {
        string seeds = Combine("seeds");
        Directory.CreateDirectory(seeds);
        foreach (string file in Directory.EnumerateFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt"))
            File.Copy(file, System.IO.Path.Combine(seeds, System.IO.Path.GetFileName(file)));
        return seeds;
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
