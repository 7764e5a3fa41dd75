using System.Diagnostics;

namespace Search.Cli.Tests;

/// <summary>The built <c>search</c> CLI running as a child process, watched line by line on stderr, that a test can
/// interrupt with a real signal as a person (Ctrl+C) or a service manager (SIGTERM) would.</summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly List<string> _error = [];
    private readonly Task _readingErrors;
    private readonly System.Text.StringBuilder _output = new();
    private readonly Task _readingOutput;

    private CliProcess(Process process)
    {
        _process = process;
        _process.StandardInput.Close();
        _readingOutput = Task.Run(ReadOutputAsync);
        _readingErrors = Task.Run(ReadErrorsAsync);
    }

    public static CliProcess Start(string workingDirectory, params string[] args) => Start(StartInfo(workingDirectory, args));

    /// <summary>Starts the CLI as <paramref name="start"/> (from <see cref="StartInfo"/>, with changes) says.</summary>
    public static CliProcess Start(ProcessStartInfo start) =>
        new(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));

    /// <summary>How to start the built CLI with redirected streams, SIGINT and SIGTERM at their defaults.</summary>
    /// <remarks>A shell without job control starts background jobs with SIGINT ignored, and children inherit that (the
    /// runtime then leaves SIGINT alone), so a test run from such a job would see Ctrl+C do nothing: env(1) puts both
    /// signals back to their defaults first, as a terminal would have them.</remarks>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])["--default-signal=INT,TERM", "dotnet", Path.Combine(AppContext.BaseDirectory, "Search.Cli.dll"), .. args])
            start.ArgumentList.Add(arg);
        start.Environment.Remove(CliHost.IndexVariable);
        start.Environment.Remove(CliHost.ApiKeyVariable);
        return start;
    }

    public bool HasExited => _process.HasExited;

    public string Error
    {
        get
        {
            lock (_error)
                return string.Join('\n', _error);
        }
    }

    /// <summary>The process id, to name the process in a message.</summary>
    public int Id => _process.Id;

    /// <summary>What the process has written on stdout so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Waits until stdout contains <paramref name="text"/>; fails if the process ends first.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            timeout.Token.ThrowIfCancellationRequested();
            if (_readingOutput.IsCompleted)
                throw new InvalidOperationException($"The process ended before writing '{text}' on stdout: {Output}\n{Error}");
            await Task.WhenAny(_readingOutput, Task.Delay(20, CancellationToken.None));
        }
    }

    /// <summary>Waits until a line of stderr contains <paramref name="text"/>; fails if the process ends first.</summary>
    public async Task WaitForErrorLineAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            lock (_error)
            {
                if (_error.Exists(line => line.Contains(text, StringComparison.Ordinal)))
                    return;
            }
            if (_readingErrors.IsCompleted)
                throw new InvalidOperationException($"The process ended before writing '{text}' on stderr: {Error}");
            await Task.WhenAny(_readingErrors, Task.Delay(20, CancellationToken.None));
        }
    }

    /// <summary>Sends a real signal (<c>INT</c>, <c>TERM</c>) with kill(1).</summary>
    public async Task SignalAsync(string signal)
    {
        using Process kill = Process.Start("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start");
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end and returns its exit code with what it wrote.</summary>
    public async Task<RunResult> ExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        await _readingErrors;
        await _readingOutput;
        return new RunResult(_process.ExitCode, Output, Error);
    }

    private async Task ReadOutputAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_output)
                _output.Append(buffer, 0, read);
        }
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_error)
                _error.Add(line);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
