using System.Diagnostics;

namespace Search.Tests;

/// <summary>Runs Search.TestHost (built next to the tests) as a real second process.</summary>
internal sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ChildProcess(Process process) => _process = process;

    public static ChildProcess Start(params string[] args) => Start(null, args);

    /// <summary>Starts the child with <paramref name="environment"/> added to this process's variables.</summary>
    public static ChildProcess Start(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        ProcessStartInfo start = StartInfo(environment, args);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs to the end and returns the exit code with everything written.</summary>
    public static Task<RunResult> RunAsync(params string[] args) => RunAsync(null, args);

    /// <inheritdoc cref="RunAsync(string[])"/>
    public static Task<RunResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        ProcessRunner.RunAsync(StartInfo(environment, args), Patience);

    /// <summary>Runs to the end with <paramref name="input"/> on its stdin and returns the exit code with everything written.</summary>
    public static Task<RunResult> RunWithInputAsync(string input, params string[] args) =>
        ProcessRunner.RunAsync(StartInfo(null, args), Patience, input);

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Search.TestHost.dll"));
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return start;
    }

    /// <summary>Waits until the child prints <paramref name="line"/> (e.g. "ready").</summary>
    public async Task WaitForLineAsync(string line)
    {
        while (true)
        {
            string? read = await _process.StandardOutput.ReadLineAsync().WaitAsync(Patience);
            if (read is null)
                throw new InvalidOperationException($"The child exited before printing '{line}': {await _process.StandardError.ReadToEndAsync()}");
            if (read == line)
                return;
        }
    }

    /// <summary>Closes the child's input, which tells a holding child to finish, and waits for it.</summary>
    public async Task<int> FinishAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
