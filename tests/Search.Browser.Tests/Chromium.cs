using System.Diagnostics;

namespace Search.Browser.Tests;

/// <summary>
/// Finds Debian's Chromium for the browser tests, installing the <c>chromium</c> package with apt-get when it is missing,
/// so that the README's test command works on a fresh Debian machine. Playwright never downloads a browser of its own.
/// </summary>
internal static class Chromium
{
    /// <summary>Names another Chromium or Chrome binary to use instead of Debian's.</summary>
    public const string PathVariable = "SEARCH_TEST_CHROMIUM";

    private static readonly string[] s_candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private static readonly string[] s_aptGets = ["/usr/bin/apt-get", "/bin/apt-get"];
    private static readonly SemaphoreSlim s_gate = new(1, 1);
    private static string? s_path;

    /// <summary>The browser binary; the first call may run apt-get, later calls return the same path.</summary>
    public static async Task<string> FindOrInstallAsync()
    {
        await s_gate.WaitAsync();
        try
        {
            s_path ??= Find() ?? await InstallAsync();
            return s_path;
        }
        finally
        {
            s_gate.Release();
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{PathVariable} names {configured}, which does not exist.");
        }
        return s_candidates.FirstOrDefault(File.Exists);
    }

    private static async Task<string> InstallAsync()
    {
        const string Advice = "The browser tests need Debian's Chromium: install it with `sudo apt-get install chromium`, "
            + $"or set {PathVariable} to a Chromium binary.";
        string? aptGet = s_aptGets.FirstOrDefault(File.Exists);
        if (!OperatingSystem.IsLinux() || aptGet is null)
            throw new InvalidOperationException($"No Chromium was found and apt-get is not available. {Advice}");
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException($"No Chromium was found, and installing it needs root. {Advice}");

        await AptGetAsync(aptGet, "update");
        await AptGetAsync(aptGet, "install", "-y", "--no-install-recommends", "chromium");
        return Find() ?? throw new InvalidOperationException($"apt-get installed chromium, but no binary is at {string.Join(" or ", s_candidates)}. {Advice}");
    }

    private static async Task AptGetAsync(string aptGet, params string[] arguments)
    {
        var start = new ProcessStartInfo(aptGet);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        RunResult result = await ProcessRunner.RunAsync(start, TimeSpan.FromMinutes(20));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"apt-get {string.Join(' ', arguments)} failed with exit code {result.ExitCode}: {result.Error.Trim()} "
                + "Install Debian's chromium package and run the tests again.");
        }
    }
}
