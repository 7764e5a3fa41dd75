using System.Diagnostics;

namespace Search.Tests;

/// <summary>Runs a Unix tool (mkfifo, mount, bash) that makes the real file-system objects a test needs.</summary>
internal static class UnixTool
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="program"/> to the end; the exit code and whatever it wrote to stderr.</summary>
    public static (int ExitCode, string Error) TryRun(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        Task<string> error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill();
            throw new TimeoutException($"{program} did not finish within {Patience}.");
        }
        return (process.ExitCode, error.Result);
    }

    /// <summary>Runs <paramref name="program"/> and fails the test unless it succeeds.</summary>
    public static void Run(string program, params string[] args)
    {
        (int exitCode, string error) = TryRun(program, args);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', args)} failed: {error}");
    }
}
