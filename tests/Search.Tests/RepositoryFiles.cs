namespace Search.Tests;

/// <summary>Finds files of this repository from the test output folder. Caller file paths cannot be used:
/// deterministic CI builds map them to "/_/".</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Search.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Search.sln above {AppContext.BaseDirectory}.");
    }
}
