namespace Search.Tests.Querying.Misspellings;

/// <summary>One line of <c>news-queries.tsv</c>: a news query, the same query with one word misspelled, and the kind of
/// misspelling (<see cref="Beyond"/> marks one that typo tolerance is not meant to catch).</summary>
public sealed record MisspelledQuery(string Correct, string Misspelled, string Kind)
{
    public const string Beyond = "beyond";

    /// <summary>The file, copied next to the test assembly.</summary>
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Querying", "Misspellings", "news-queries.tsv");

    public static IReadOnlyList<MisspelledQuery> All { get; } = Load(FilePath);

    public bool IsBeyond => Kind == Beyond;

    /// <summary>The correct and the misspelled word: the one word in which the two queries differ.</summary>
    public (string Correct, string Misspelled) Word
    {
        get
        {
            string[] correct = Correct.Split(' ');
            string[] misspelled = Misspelled.Split(' ');
            int at = Array.FindIndex(correct, w => !misspelled.Contains(w));
            return at < 0 || correct.Length != misspelled.Length ? ("", "") : (correct[at], misspelled[at]);
        }
    }

    private static List<MisspelledQuery> Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        Assert.Equal("correct\tmisspelled\tkind", lines[0]);
        return [.. lines.Skip(1).Where(line => line.Length > 0).Select(line =>
        {
            string[] columns = line.Split('\t');
            Assert.True(columns.Length == 3, $"Not three columns: '{line}'");
            return new MisspelledQuery(columns[0], columns[1], columns[2]);
        })];
    }
}
