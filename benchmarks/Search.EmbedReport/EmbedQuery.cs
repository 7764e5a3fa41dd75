using System.Globalization;

namespace Search.EmbedReport;

/// <summary>One query of the report's set: its kind (term, field, or, and, phrase, prefix, fuzzy, date), Lucene syntax,
/// and an optional date range. The set of a corpus is kept in <c>Queries/{corpus}.tsv</c>.</summary>
internal sealed record EmbedQuery(string Kind, string Text, DateOnly? From, DateOnly? To)
{
    /// <summary>The kinds in the order the table lists them.</summary>
    public static readonly string[] Kinds = ["term", "field", "or", "and", "phrase", "prefix", "fuzzy", "date"];

    public static string FileFor(string corpusName) => Path.Combine(AppContext.BaseDirectory, "Queries", corpusName + ".tsv");

    public static IReadOnlyList<EmbedQuery> Load(string path) =>
        [.. File.ReadAllLines(path).Where(line => line.Length > 0 && line[0] != '#').Select(Parse)];

    private static EmbedQuery Parse(string line)
    {
        string[] parts = line.Split('\t');
        if (parts.Length < 2 || !Kinds.Contains(parts[0]))
            throw new FormatException($"A query line is 'kind<TAB>query[<TAB>from<TAB>to]' with a kind of {string.Join(", ", Kinds)}: '{line}'.");
        return new EmbedQuery(parts[0], parts[1], Date(parts, 2), Date(parts, 3));
    }

    private static DateOnly? Date(string[] parts, int index) =>
        parts.Length > index && parts[index].Length > 0 ? DateOnly.ParseExact(parts[index], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
