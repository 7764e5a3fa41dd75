using Search.Tests.Querying.Misspellings;

namespace Search.Tests.Querying;

/// <summary>
/// The misspelled news queries of <c>Misspellings/news-queries.tsv</c> (measured on Reuters-21578 by the benchmarks'
/// <c>--typo-report</c>), checked without the corpus: each correct query is the headline and text of its own document,
/// among some filler, and the misspelled query must find that document first and suggest the correct query; a pair marked
/// <c>beyond</c> must not, so that the limits of typo tolerance stay written down.
/// </summary>
public sealed class MisspelledQueriesTests(MisspelledQueriesTests.Documents documents) : IClassFixture<MisspelledQueriesTests.Documents>
{
    private static readonly string[] Kinds = ["transposition", "omission", "insertion", "substitution", "doubled letter", "two edits", MisspelledQuery.Beyond];

    public static TheoryData<string, string> Tolerated() => Pairs(beyond: false);

    public static TheoryData<string, string> BeyondTheRules() => Pairs(beyond: true);

    [Fact]
    public void TheSet_IsOneRealisticMisspellingOfOneWordPerQuery()
    {
        IReadOnlyList<MisspelledQuery> all = MisspelledQuery.All;
        Assert.InRange(all.Count(q => !q.IsBeyond), 60, 80);
        Assert.InRange(all.Count(q => q.IsBeyond), 5, 10);
        Assert.Equal(all.Count, all.Select(q => q.Misspelled.ToLowerInvariant()).Distinct().Count());
        foreach (MisspelledQuery query in all)
        {
            Assert.Contains(query.Kind, Kinds);
            Assert.InRange(query.Correct.Split(' ').Length, 1, 3);
            (string correct, string misspelled) = query.Word;
            Assert.True(correct.Length > 0, $"'{query.Misspelled}' is not '{query.Correct}' with one word changed");
            if (query.IsBeyond)
                continue;
            Assert.True(correct.Length >= 5 && misspelled.Length >= 5, $"'{misspelled}': typo tolerance starts at 5 letters");
            Assert.True(char.ToLowerInvariant(correct[0]) == char.ToLowerInvariant(misspelled[0]), $"'{misspelled}' changes the first letter of '{correct}'");
        }
    }

    [Theory]
    [MemberData(nameof(Tolerated))]
    public void Auto_MisspelledQuery_FindsTheCorrectQuerysDocumentFirst_AndSuggestsIt(string correct, string misspelled)
    {
        SearchResults results = documents.Index.Search(Simple(misspelled, TypoTolerance.Auto));

        Assert.Equal(documents.IdOf(correct), results.Hits.Count > 0 ? results.Hits[0].Id : null);
        Assert.Equal(correct.ToLowerInvariant(), results.Suggestion?.ToLowerInvariant());
    }

    [Theory]
    [MemberData(nameof(Tolerated))]
    public void Off_MisspelledWord_FindsNothing(string correct, string misspelled)
    {
        // The simple syntax matches any word, so the other words of the query still find the document: the misspelled
        // word alone shows that what Auto finds is typo tolerance, not a word of the index or a stem the two share.
        string word = new MisspelledQuery(correct, misspelled, "").Word.Misspelled;

        Assert.Empty(documents.Index.Search(Simple(word, TypoTolerance.Off)).Hits);
    }

    [Theory]
    [MemberData(nameof(BeyondTheRules))]
    public void Auto_MisspelledWordBeyondTheRules_DoesNotFindTheDocument(string correct, string misspelled)
    {
        string word = new MisspelledQuery(correct, misspelled, "").Word.Misspelled;

        SearchResults results = documents.Index.Search(Simple(word, TypoTolerance.Auto));

        Assert.DoesNotContain(documents.IdOf(correct), results.Hits.Select(h => h.Id));
        Assert.Null(results.Suggestion);
    }

    private static SearchRequest Simple(string query, TypoTolerance typos) =>
        new(query) { Syntax = QuerySyntax.Simple, Typos = typos, Size = 100, Highlight = null };

    private static TheoryData<string, string> Pairs(bool beyond)
    {
        var data = new TheoryData<string, string>();
        foreach (MisspelledQuery query in MisspelledQuery.All.Where(q => q.IsBeyond == beyond))
            data.Add(query.Correct, query.Misspelled);
        return data;
    }

    /// <summary>One document per distinct correct query, with the query as its headline and text, and filler documents on
    /// other subjects.</summary>
    public sealed class Documents : IAsyncLifetime
    {
        private static readonly (string Title, string Body)[] Filler =
        [
            ("Weather outlook", "Sunny skies are expected across the region this weekend."),
            ("Football results", "The home team won the match on Saturday afternoon."),
            ("Museum opening", "A new museum of modern art opened downtown."),
            ("Theatre review", "The play ran for three hours and the audience stayed."),
            ("Garden show", "Roses and tulips filled the halls of the spring show."),
        ];

        private readonly Dictionary<string, string> _ids = new(StringComparer.OrdinalIgnoreCase);

        public SearchIndex Index { get; private set; } = null!;

        public string IdOf(string correct) => _ids[correct];

        public async Task InitializeAsync()
        {
            var all = new List<SeedDocument>();
            foreach (string correct in MisspelledQuery.All.Select(q => q.Correct).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                string id = $"q{all.Count}";
                _ids[correct] = id;
                all.Add(TestDocs.Doc(id, correct, correct + "."));
            }
            for (int i = 0; i < Filler.Length; i++)
                all.Add(TestDocs.Doc($"filler{i}", Filler[i].Title, Filler[i].Body));
            Index = await TestDocs.IndexOf([.. all]);
        }

        public Task DisposeAsync()
        {
            Index.Dispose();
            return Task.CompletedTask;
        }
    }
}
