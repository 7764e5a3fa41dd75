using System.Globalization;
using BenchmarkDotNet.Running;
using Search.Benchmarks;

// Our own options come out before BenchmarkDotNet sees the arguments; the corpus reaches the benchmark
// processes through the environment.
var rest = new List<string>(args);
string? corpus = Take(rest, "--corpus");
Environment.SetEnvironmentVariable(Corpus.PathVariable, Path.GetFullPath(corpus ?? Corpus.DefaultPath()));

if (rest.Remove("--derive-queries"))
{
    Console.WriteLine($"Wrote {QueryDeriver.Write(Corpus.Current)}");
    return 0;
}
if (rest.Remove("--peak-memory"))
{
    int scale = int.Parse(Take(rest, "--scale") ?? "1", CultureInfo.InvariantCulture);
    double ramBuffer = double.Parse(Take(rest, "--ram-buffer") ?? "64", CultureInfo.InvariantCulture);
    int threads = int.Parse(Take(rest, "--threads") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    PeakMemory.Run(scale, ramBuffer, threads, Console.Out);
    return 0;
}
if (rest.Remove("--paired-indexing"))
{
    int scale = int.Parse(Take(rest, "--scale") ?? "4", CultureInfo.InvariantCulture);
    int threads = int.Parse(Take(rest, "--threads") ?? "1", CultureInfo.InvariantCulture);
    int runs = int.Parse(Take(rest, "--runs") ?? "8", CultureInfo.InvariantCulture);
    PairedIndexing.Run(scale, threads, runs, fromDocuments: rest.Remove("--from-documents"), Console.Out);
    return 0;
}
if (rest.Remove("--peers-protocol"))
    return PeerProtocol.Run(rest, Console.Out);
BenchmarkSwitcher.FromAssembly(typeof(Corpus).Assembly).Run([.. rest]);
return 0;

static string? Take(List<string> args, string name)
{
    int at = args.IndexOf(name);
    if (at < 0 || at + 1 >= args.Count)
        return null;
    string value = args[at + 1];
    args.RemoveRange(at, 2);
    return value;
}
