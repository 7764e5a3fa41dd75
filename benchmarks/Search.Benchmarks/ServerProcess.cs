using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Search.Benchmarks;

/// <summary>
/// <c>search serve</c> over an index in a process of its own, started as a user starts it
/// (<c>dotnet Search.Cli.dll serve --index DIR --urls http://127.0.0.1:0</c>) from the command line's build output, its
/// address read from the line it prints, and stopped with SIGINT as Ctrl+C stops it.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private const string CliAssemblyKey = "SearchCliAssembly";
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private ServerProcess(Process process, Uri address, string command)
    {
        _process = process;
        Address = address;
        Command = command;
    }

    /// <summary>Where the server answers, as it printed it.</summary>
    public Uri Address { get; }

    /// <summary>The command line that started it.</summary>
    public string Command { get; }

    public int Id => _process.Id;

    /// <summary>Starts the server on a free port of 127.0.0.1 and waits until it says where it listens. Its stderr goes
    /// to <paramref name="log"/>, each line marked as the server's.</summary>
    public static async Task<ServerProcess> StartAsync(string indexPath, TextWriter log)
    {
        string cli = CliAssembly();
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (string argument in (string[])[cli, "serve", "--index", indexPath, "--urls", "http://127.0.0.1:0"])
            start.ArgumentList.Add(argument);
        // A key in the environment would make the server writable; the report measures the read-only server.
        start.Environment.Remove("SEARCH_API_KEY");

        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && Listening().Match(e.Data) is { Success: true } match)
                address.TrySetResult(new Uri(match.Groups["url"].Value));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (log)
                    log.WriteLine("server: " + e.Data);
            }
        };
        process.Exited += (_, _) => address.TrySetException(new InvalidOperationException(
            $"search serve exited with code {process.ExitCode} before it said where it listens (its stderr is above)."));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string command = string.Join(' ', start.ArgumentList.Prepend(start.FileName));
        try
        {
            Uri uri = await address.Task.WaitAsync(StartPatience).ConfigureAwait(false);
            return new ServerProcess(process, uri, command);
        }
        catch
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Whether the server has ended, stopped by nothing this class did.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The server's working set now and its peak so far (on Linux, VmRSS and VmHWM); zeros once it has ended.</summary>
    public (long Current, long Peak) Memory()
    {
        lock (_process)
        {
            try
            {
                _process.Refresh();
                return (_process.WorkingSet64, _process.PeakWorkingSet64);
            }
            catch (InvalidOperationException) when (_process.HasExited)
            {
                return (0, 0);
            }
        }
    }

    /// <summary>Sends SIGINT, as Ctrl+C does, and waits for the server to stop.</summary>
    /// <returns>Its exit code, or null if it had not stopped after 30 seconds (it is then killed).</returns>
    public async Task<int?> StopAsync()
    {
        if (_process.HasExited)
            return _process.ExitCode;
        // The tests signal the CLI with kill(1) too; .NET has no API that sends a signal to another process.
        using (Process kill = Process.Start("kill", ["-s", "INT", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync().ConfigureAwait(false);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(StopPatience).ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    /// <summary>Search.Cli.dll in the command line's build output, whose path the build compiles into this assembly (it
    /// builds the command line first).</summary>
    private static string CliAssembly()
    {
        string? path = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == CliAssemblyKey)?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The command line's build output '{path}' is missing: build src/Search.Cli (dotnet build Search.sln -c Release) and run again.");
        }
        return path;
    }

    /// <summary>The dotnet host that runs this process, which has the runtimes the command line needs; else the one on PATH.</summary>
    private static string DotnetHost()
    {
        string? fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
            return fromCli;
        // The runtime lives in ROOT/shared/Microsoft.NETCore.App/VERSION/, beside ROOT/dotnet.
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        string host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    // "Serving INDEX at http://127.0.0.1:PORT (read-only). Press Ctrl+C to stop."
    [GeneratedRegex(@"^Serving .* at (?<url>https?://[^\s,]+)")]
    private static partial Regex Listening();
}
