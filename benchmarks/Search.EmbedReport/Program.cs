using System.Globalization;
using Search.Benchmarks;
using Search.EmbedReport;

// What an app that embeds the library meets, against raw Lucene.Net doing the same in the same process: see
// benchmarks/README.md, "What an embedding app meets". Exit 0 with the tables, 1 if the two sides match different
// documents for a query, 2 for a usage error.
var rest = new List<string>(args);
string? corpusPath = ReportArguments.Take(rest, "--corpus");
int rounds = ReportArguments.TakeCount(rest, "--rounds", 10, minimum: 1);
int warmup = ReportArguments.TakeCount(rest, "--warmup", 5, minimum: 0);
int indexRuns = ReportArguments.TakeCount(rest, "--index-runs", 3, minimum: 1);
if (rest.Count > 0)
    return ReportArguments.Usage($"Unknown argument '{string.Join(' ', rest)}'. Usage: [--corpus PATH] [--rounds 10] [--warmup 5] [--index-runs 3]");

Corpus corpus;
try
{
    corpus = Corpus.Load(corpusPath);
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
{
    return ReportArguments.Usage(e.Message);
}
corpus.Announce(Console.Out, Console.Error, chosen: corpusPath is not null);
string queryFile = EmbedQuery.FileFor(corpus.Name);
if (!File.Exists(queryFile))
    return ReportArguments.Usage($"No query set for corpus '{corpus.Name}': write one as {queryFile} (see Queries/reuters21578.tsv).");
IReadOnlyList<EmbedQuery> queries = EmbedQuery.Load(queryFile);

var settings = new EmbedSettings(rounds, warmup, indexRuns);
return new EmbedRun(corpus, queries, settings, Console.Out, Console.Error).Run();

