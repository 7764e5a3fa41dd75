using System.Diagnostics;
using CsCheck;

namespace Search.Tests.Reliability;

/// <summary>
/// Whatever a user types: in Lucene syntax the only failure is <see cref="QuerySyntaxException"/>, the simple syntax never
/// fails, and no query takes long. Random strings, and strings assembled from the pieces that break query parsers
/// (unbalanced quotes and brackets, lone operators, wildcard storms, regular expressions, escapes, field names, control
/// characters, emoji, right-to-left text, lone surrogates).
/// </summary>
public sealed class QueryFuzzTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    // One query that needs more than this is a hang for our purposes: the slowest legitimate ones take a fraction of a
    // second, and the margin absorbs a machine busy with other work (a runaway pattern takes minutes to hours).
    private static readonly TimeSpan PerQueryBudget = TimeSpan.FromSeconds(20);

    private static readonly string[] Pieces =
    [
        "(", ")", "((", "))", "\"", "[", "]", "{", "}", "*", "?", "**", "??", "~", "~2", "~0.5", "^", "^3", "^-1", ":", "\\", "\\\\",
        "/", "/.*/", "/[a-z]+{2,}/", "-", "+", "!", "&&", "||", "|", "&", "AND", "OR", "NOT", "TO", " TO ", "and", "or",
        "title:", "body:", "date:", "id:", "TITLE:", "nope:", "kabul", "taliban", "war", "psychological", "the", "2021-08-14",
        "2021-02-30", "[2021-01-01 TO 2021-12-31]", "{* TO *}", "x*a??????", "a*", "*a", "k?bul", "kab*l~", " ", "  ", "\t", "\n",
        "\r\n", "\u0000", "\u0001", "\u001b[31m", "\u007f", "\u00a0", "\u200b", "\u200f", "\u202e", "مرحبا", "שלום", "العربية",
        "🚀", "👩‍👩‍👧", "🏳️‍🌈", "\ud800", "\udc00", "ı", "İ", "ß", "ǅ", "TITLE*", "%", "<script>", "'", ",", ".", "1", "-1",
        "1e5", "∞", "０", "ｋａｂｕｌ", "@", "#", "$", "=", ";", "`",
    ];

    /// <summary>Adversarial queries: up to 60 pieces, repeated runs of one piece, or random text of any code units.</summary>
    private static readonly Gen<string> Queries = Gen.Frequency(
        (6, Gen.OneOf(Pieces).Array[0, 60].Select(string.Concat)),
        (2, Gen.Select(Gen.OneOf(Pieces), Gen.Int[1, 400], (piece, times) => string.Concat(Enumerable.Repeat(piece, times)))),
        (2, Gen.String[Gen.Char, 0, 80]),
        (1, Gen.String[Gen.Char["()\"*?~^:\\/-+![]{}AND OR NOT"], 0, 120]));

    [Fact]
    public async Task Search_AnyQueryInLuceneSyntax_FailsOnlyWithQuerySyntaxException()
    {
        using SearchIndex index = await FuzzIndex();

        await Task.Run(() => Queries.Sample(query =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                index.Search(new SearchRequest(query) { Size = 5 });
            }
            catch (QuerySyntaxException error)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.True(error.Position is null || (error.Position >= 0 && error.Position <= query.Length), $"position {error.Position} is outside the query");
            }
            Assert.True(clock.Elapsed < PerQueryBudget, $"took {clock.Elapsed.TotalSeconds:0.0} s");
        }, iter: 4_000, threads: 2)).WaitAsync(Patience);
    }

    [Fact]
    public async Task Search_AnyQueryInSimpleSyntax_NeverFails()
    {
        using SearchIndex index = await FuzzIndex();

        await Task.Run(() => Queries.Sample(query =>
        {
            var clock = Stopwatch.StartNew();
            index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Simple, Size = 5 });
            Assert.True(clock.Elapsed < PerQueryBudget, $"took {clock.Elapsed.TotalSeconds:0.0} s");
        }, iter: 4_000, threads: 2)).WaitAsync(Patience);
    }

    [Fact]
    public async Task Search_ThousandsOfTerms_FailOrRunBoundedInBothSyntaxes()
    {
        using SearchIndex index = await FuzzIndex();
        var random = new Random(7);

        for (int round = 0; round < 20; round++)
        {
            string query = string.Join(random.Next(3) switch { 0 => " ", 1 => " AND ", _ => " OR " },
                Enumerable.Range(0, random.Next(500, 5_000)).Select(_ => Pieces[random.Next(Pieces.Length)] + random.Next(100)));
            var clock = Stopwatch.StartNew();
            try
            {
                index.Search(new SearchRequest(query) { Size = 5 });
            }
            catch (QuerySyntaxException)
            {
                // a guard rail, as expected for most of them
            }
            index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Simple, Size = 5 });
            Assert.True(clock.Elapsed < PerQueryBudget * 2, $"round {round} took {clock.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static Task<SearchIndex> FuzzIndex() => TestDocs.IndexOf(
        TestDocs.Doc("k", "Kabul falls", "The Taliban entered Kabul; a psychological war, said the envoy.", "2021-08-14"),
        TestDocs.Doc("d", "Delhi rain", "Monsoon over Delhi. Kabul and Delhi trade.", "2021-07-01"),
        TestDocs.Doc("e", "Émigrés 🚀", "İstanbul, ıslak, straße; مرحبا بالعالم; <script>alert(1)</script>"));
}
