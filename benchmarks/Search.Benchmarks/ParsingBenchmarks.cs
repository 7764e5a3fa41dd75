using BenchmarkDotNet.Attributes;

namespace Search.Benchmarks;

/// <summary>The seed-document reader over the whole corpus: from files (read, validate UTF-8, parse) and from
/// text already in memory.</summary>
[Config(typeof(ThroughputConfig))]
public class ParsingBenchmarks
{
    private (string Id, string Text)[] _texts = [];

    [GlobalSetup]
    public void LoadTexts() => _texts = [.. Corpus.Current.Files.Select(f => (f.Id, File.ReadAllText(f.Path)))];

    [Benchmark(Baseline = true)]
    public int ReadFile()
    {
        int characters = 0;
        foreach (CorpusFile file in Corpus.Current.Files)
            characters += SeedDocumentReader.ReadFile(file.Path, file.Id).Body.Length;
        return characters;
    }

    [Benchmark]
    public int Parse()
    {
        int characters = 0;
        foreach ((string id, string text) in _texts)
            characters += SeedDocumentReader.Parse(id, text).Body.Length;
        return characters;
    }
}
