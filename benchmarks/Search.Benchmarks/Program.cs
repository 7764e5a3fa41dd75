using System.Globalization;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Search.Benchmarks;

// Our own options come out before BenchmarkDotNet sees the arguments; the corpus reaches the benchmark
// processes through the environment.
return Run(new List<string>(args));

static int Run(List<string> rest)
{
    string? corpus = Take(rest, "--corpus");
    Environment.SetEnvironmentVariable(Corpus.PathVariable, Path.GetFullPath(corpus ?? Corpus.DefaultPath()));
    bool informationOnly = rest.Any(a => a is "--help" or "-h" or "--version" or "--info" or "--list");
    if (!informationOnly)
    {
        try
        {
            // --peers-protocol answers on stdout for run.sh, so there the corpus is named on stderr.
            Corpus.Current.Announce(rest.Contains("--peers-protocol") ? Console.Error : Console.Out, Console.Error, chosen: corpus is not null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Usage(e.Message);
        }
    }

    if (rest.Remove("--derive-queries"))
    {
        Console.WriteLine($"Wrote {QueryDeriver.Write(Corpus.Current)}");
        return 0;
    }
    if (rest.Remove("--peak-memory"))
    {
        int scale = TakeCount(rest, "--scale", 1);
        double ramBuffer = TakeMegabytes(rest, "--ram-buffer", 64);
        int threads = TakeCount(rest, "--threads", Environment.ProcessorCount);
        PeakMemory.Run(scale, ramBuffer, threads, Console.Out);
        return 0;
    }
    if (rest.Remove("--paired-indexing"))
    {
        int scale = TakeCount(rest, "--scale", 4);
        int threads = TakeCount(rest, "--threads", 1);
        int runs = TakeCount(rest, "--runs", 8);
        PairedIndexing.Run(scale, threads, runs, fromDocuments: rest.Remove("--from-documents"), Console.Out);
        return 0;
    }
    if (rest.Remove("--paired-typos"))
    {
        int rounds = TakeCount(rest, "--rounds", 20);
        if (rest.Count > 0)
            Usage($"--paired-typos does not take '{string.Join(' ', rest)}'.");
        return PairedTypos.Run(rounds, Console.Out);
    }
    if (rest.Remove("--similar-report"))
    {
        string? metadata = Take(rest, "--metadata");
        int? sample = rest.Contains("--sample") ? TakeCount(rest, "--sample", 1) : null;
        SimilarReport.Run(metadata, sample, Console.Out);
        return 0;
    }
    if (rest.Remove("--typo-report"))
    {
        string queries = Path.GetFullPath(Take(rest, "--queries") ?? TypoReport.DefaultQueries());
        if (!File.Exists(queries))
            Usage($"--queries: there is no file '{queries}'.");
        if (rest.Count > 0)
            Usage($"--typo-report does not take '{string.Join(' ', rest)}'.");
        return TypoReport.Run(queries, Console.Out, Console.Error);
    }
    if (rest.Remove("--load-report"))
    {
        TimeSpan duration = TakeDuration(rest, "--duration", TimeSpan.FromSeconds(10));
        TimeSpan warmup = TakeDuration(rest, "--warmup", TimeSpan.FromSeconds(3));
        int[] connections = TakeCounts(rest, "--connections", [1, 8, 64]);
        if (rest.Count > 0)
            Usage($"--load-report does not take '{string.Join(' ', rest)}'.");
        if (OperatingSystem.IsWindows())
            Usage("--load-report stops the server with SIGINT, which needs Linux or macOS.");
        return LoadReport.Run(new LoadSettings(duration, warmup, connections), Console.Out, Console.Error);
    }
    if (rest.Remove("--peers-protocol"))
        return PeerProtocol.Run(rest, Console.Out);
    Summary[] summaries = [.. BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run([.. rest])];
    if (summaries.Length == 0 && !informationOnly)
    {
        // BenchmarkDotNet has printed why (an unknown job or option, a filter that matches nothing) and returns normally.
        Console.Error.WriteLine("No benchmark ran: see the message above.");
        return 2;
    }
    return RunFailures.Report(summaries, Console.Error) == 0 ? 0 : 1;
}

static int TakeCount(List<string> args, string name, int fallback)
{
    string? text = Take(args, name);
    if (text is null)
        return fallback;
    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
        Usage($"{name} takes a whole number from 1 up, not '{text}'.");
    return value;
}

static int[] TakeCounts(List<string> args, string name, int[] fallback)
{
    string? text = Take(args, name);
    if (text is null)
        return fallback;
    var counts = new List<int>();
    foreach (string part in text.Split(','))
    {
        if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1)
            Usage($"{name} takes whole numbers from 1 up separated by commas, such as 1,8,64, not '{text}'.");
        counts.Add(value);
    }
    return [.. counts];
}

// A length of time as 20s, 500ms, 2m or a bare number of seconds.
static TimeSpan TakeDuration(List<string> args, string name, TimeSpan fallback)
{
    string? text = Take(args, name);
    if (text is null)
        return fallback;
    (string number, double unit) = text switch
    {
        _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
        _ when text.EndsWith('s') => (text[..^1], 1.0),
        _ when text.EndsWith('m') => (text[..^1], 60.0),
        _ => (text, 1.0),
    };
    if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || value <= 0)
        Usage($"{name} takes a time above 0 such as 20s, 500ms or 2m, not '{text}'.");
    return TimeSpan.FromSeconds(value * unit);
}

static double TakeMegabytes(List<string> args, string name, double fallback)
{
    string? text = Take(args, name);
    if (text is null)
        return fallback;
    if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || value <= 0)
        Usage($"{name} takes a size in MB above 0, such as 64 or 0.5, not '{text}'.");
    return value;
}

static string? Take(List<string> args, string name)
{
    int at = args.IndexOf(name);
    if (at < 0)
        return null;
    if (at + 1 >= args.Count)
        Usage($"{name} needs a value after it.");
    string value = args[at + 1];
    args.RemoveRange(at, 2);
    return value;
}

// A mistyped option stops the run with what was wrong (exit code 2), not a stack trace.
[System.Diagnostics.CodeAnalysis.DoesNotReturn]
static void Usage(string message)
{
    Console.Error.WriteLine(message);
    Environment.Exit(2);
}
