using System.Diagnostics;

namespace Search.Cli.Tests;

/// <summary>Runs the <c>search</c> command line in-process (writers injected) or as a real child process.</summary>
internal static class Cli
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static Task<RunResult> RunAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, terminal: false, args);

    /// <summary>Runs in-process as on a colour terminal, so matches and secondary text are written with colour codes.</summary>
    public static Task<RunResult> RunOnTerminalAsync(string workingDirectory, params string[] args) => RunAsync(workingDirectory, terminal: true, args);

    private static async Task<RunResult> RunAsync(string workingDirectory, bool terminal, string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var host = new CliHost(output, error, workingDirectory) { OutIsTerminal = terminal };
        int exitCode = await CliApplication.RunAsync(args, host);
        return new RunResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the built CLI as a child process with redirected output, as a script would.</summary>
    public static Task<RunResult> RunProcessAsync(string workingDirectory, IDictionary<string, string>? environment, params string[] args) =>
        RunProcessAsync(workingDirectory, environment, [], args);

    /// <summary>Runs the built CLI as a child process as a user whom file permissions stop: this user, or for root (whom
    /// they do not stop) the unprivileged user 65534, which must be able to read and write <paramref name="workingDirectory"/>.</summary>
    public static Task<RunResult> RunProcessUnprivilegedAsync(string workingDirectory, params string[] args) =>
        RunProcessAsync(workingDirectory, null, Environment.IsPrivilegedProcess ? UnprivilegedPrefix : [], args);

    /// <summary>The built CLI copied where the unprivileged user can read it: the tests' own folder may sit under a home
    /// folder that only root may enter. Deleted when the test run ends.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string CopyForUnprivileged()
    {
        string copy = Path.Combine(Path.GetTempPath(), "search-cli-unprivileged-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            if (file.EndsWith(".dll", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(copy, recursive: true);
        return copy;
    }

    // Only privileged runs use it, and those run on Unix.
    private static readonly Lazy<string> UnprivilegedCopy = new(() => OperatingSystem.IsWindows() ? AppContext.BaseDirectory : CopyForUnprivileged());

    /// <summary>How root runs a program as the unprivileged user 65534 ("nobody").</summary>
    public static readonly string[] UnprivilegedPrefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];

    private static Task<RunResult> RunProcessAsync(string workingDirectory, IDictionary<string, string>? environment, string[] prefix, string[] args)
    {
        var start = new ProcessStartInfo(prefix.Length > 0 ? prefix[0] : "dotnet") { WorkingDirectory = workingDirectory };
        foreach (string arg in prefix.Skip(1))
            start.ArgumentList.Add(arg);
        if (prefix.Length > 0)
            start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(prefix.Length > 0 ? UnprivilegedCopy.Value : AppContext.BaseDirectory, "Search.Cli.dll"));
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        start.Environment.Remove(CliHost.IndexVariable);
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return ProcessRunner.RunAsync(start, Patience);
    }

    /// <summary>The text of a seed file with a date header.</summary>
    public static string Seed(string date, string title, string body) => $" date {date} {title}\n\n{body}\n";

    /// <summary>A folder holding a copy of the seeds, indexed into the default index (".search-index").</summary>
    public static async Task<TempFolder> IndexedSeedsAsync()
    {
        var workspace = new TempFolder();
        workspace.CopySeeds();
        RunResult run = await RunAsync(workspace.Path, "index");
        Assert.True(run.ExitCode == 0, run.Error);
        return workspace;
    }

    /// <summary>A folder whose index "idx" holds five reports ("report" in every one): February, early and late
    /// March, April, and one undated.</summary>
    public static async Task<TempFolder> IndexedReportsAsync()
    {
        var workspace = new TempFolder();
        workspace.Write("docs/feb.txt", Seed("2021-02-10", "February report", "report"));
        workspace.Write("docs/mar1.txt", Seed("2021-03-01", "Early March report", "report"));
        workspace.Write("docs/mar2.txt", Seed("2021-03-31", "Late March report", "report"));
        workspace.Write("docs/apr.txt", Seed("2021-04-01", "April report", "report"));
        workspace.Write("docs/undated.txt", "Undated report\n\nreport\n");
        RunResult run = await RunAsync(workspace.Path, "index", "docs", "--index", "idx");
        Assert.True(run.ExitCode == 0, run.Error);
        return workspace;
    }
}
