using System.Globalization;
using Search.Benchmarks;
using Search.EmbedReport;

// What an app that embeds the library meets, against raw Lucene.Net doing the same in the same process: see
// benchmarks/README.md, "What an embedding app meets". Exit 0 with the tables, 1 if the two sides match different
// documents for a query, 2 for a usage error.
var rest = new List<string>(args);
string? corpusPath = Take(rest, "--corpus");
int rounds = TakeCount(rest, "--rounds", 10, minimum: 1);
int warmup = TakeCount(rest, "--warmup", 5, minimum: 0);
int indexRuns = TakeCount(rest, "--index-runs", 3, minimum: 1);
if (rest.Count > 0)
    return Usage($"Unknown argument '{string.Join(' ', rest)}'. Usage: [--corpus PATH] [--rounds 10] [--warmup 5] [--index-runs 3]");

Corpus corpus;
try
{
    corpus = Corpus.Load(corpusPath);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
{
    return Usage(e.Message);
}
corpus.Announce(Console.Out, Console.Error, chosen: corpusPath is not null);
string queryFile = EmbedQuery.FileFor(corpus.Name);
if (!File.Exists(queryFile))
    return Usage($"No query set for corpus '{corpus.Name}': write one as {queryFile} (see Queries/reuters21578.tsv).");
IReadOnlyList<EmbedQuery> queries = EmbedQuery.Load(queryFile);

var settings = new EmbedSettings(rounds, warmup, indexRuns);
return new EmbedRun(corpus, queries, settings, Console.Out, Console.Error).Run();

static string? Take(List<string> args, string name)
{
    int at = args.IndexOf(name);
    if (at < 0)
        return null;
    if (at + 1 >= args.Count)
        Environment.Exit(Usage($"{name} needs a value after it."));
    string value = args[at + 1];
    args.RemoveRange(at, 2);
    return value;
}

static int TakeCount(List<string> args, string name, int fallback, int minimum)
{
    string? text = Take(args, name);
    if (text is null)
        return fallback;
    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum)
        Environment.Exit(Usage($"{name} takes a whole number from {minimum} up, not '{text}'."));
    return value;
}

static int Usage(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
