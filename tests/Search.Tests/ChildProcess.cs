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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Search.TestHost.dll"));
        foreach (string arg in args)
            start.ArgumentList.Add(arg);
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        return new ChildProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    /// <summary>Runs to the end and returns the exit code with everything written.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => RunAsync(null, args);

    /// <inheritdoc cref="RunAsync(string[])"/>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using ChildProcess child = Start(environment, args);
        child._process.StandardInput.Close();
        Task<string> output = child._process.StandardOutput.ReadToEndAsync();
        Task<string> error = child._process.StandardError.ReadToEndAsync();
        await child._process.WaitForExitAsync().WaitAsync(Patience);
        return (child._process.ExitCode, await output, await error);
    }

    /// <summary>Runs to the end with <paramref name="input"/> on its stdin and returns the exit code with everything written.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string input, params string[] args)
    {
        using ChildProcess child = Start(args);
        Task<string> output = child._process.StandardOutput.ReadToEndAsync();
        Task<string> error = child._process.StandardError.ReadToEndAsync();
        await child._process.StandardInput.WriteAsync(input);
        child._process.StandardInput.Close();
        await child._process.WaitForExitAsync().WaitAsync(Patience);
        return (child._process.ExitCode, await output, await error);
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
