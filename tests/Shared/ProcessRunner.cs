using System.Diagnostics;

namespace Search.Tests;

/// <summary>What a run printed and returned: a child process, or a command run in-process.</summary>
internal sealed record RunResult(int ExitCode, string Output, string Error);

/// <summary>Runs a child process to its end with its streams redirected, as a script would; the one copy both test
/// projects use.</summary>
internal static class ProcessRunner
{
    /// <summary>Starts <paramref name="start"/>, writes <paramref name="input"/> (if any) to its stdin and closes it, and
    /// returns the exit code with everything written. A child still running after <paramref name="patience"/> is killed,
    /// so a hung test does not leave it behind.</summary>
    public static async Task<RunResult> RunAsync(ProcessStartInfo start, TimeSpan patience, string? input = null)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start");
        // Both streams are read from the start: a child that fills a pipe nobody reads would never exit.
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (input is not null)
            await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(patience);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new RunResult(process.ExitCode, await output, await error);
    }
}
