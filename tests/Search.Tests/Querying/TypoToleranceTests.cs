namespace Search.Tests.Querying;

/// <summary>Fuzzy terms compare with the index's stems; simple-syntax words tolerate typos under <see cref="TypoTolerance.Auto"/>.</summary>
public sealed class TypoToleranceTests
{
    private static Task<SearchIndex> Index() => TestDocs.IndexOf(
        TestDocs.Doc("fl1", "Flooding in Texas", "Heavy rain caused flooding over Texas."),
        TestDocs.Doc("fl2", "River floods", "The river floods every spring."),
        TestDocs.Doc("k8s", "Kubernetes release", "Kubernetes ships a new version."),
        TestDocs.Doc("ast", "Astronomers find a planet", "Astronomers said the planet is large."),
        TestDocs.Doc("afg", "Afghanistan talks", "Talks on Afghanistan resumed."),
        TestDocs.Doc("bbk", "Bundesbank rates", "The Bundesbank kept its rates."),
        TestDocs.Doc("car", "Cars", "A new car model."),
        TestDocs.Doc("mkt", "Markets", "Trading was quiet in the market."));

    private static string Ids(SearchResults results) => string.Join(',', results.Hits.Select(h => h.Id).Order(StringComparer.Ordinal));

    private static SearchRequest Simple(string query, TypoTolerance typos = TypoTolerance.Auto) =>
        new(query) { Syntax = QuerySyntax.Simple, Typos = typos, Size = 100 };

    [Theory]
    [InlineData("flooding")]
    [InlineData("floods")]
    [InlineData("kubernetes")]
    [InlineData("astronomers")]
    [InlineData("Afghanistan")]
    public async Task FuzzyTerm_MatchesAtLeastWhatTheWordMatches_InBothSyntaxes(string word)
    {
        using SearchIndex index = await Index();
        foreach (QuerySyntax syntax in Enum.GetValues<QuerySyntax>())
        {
            var plain = index.Search(new SearchRequest(word) { Syntax = syntax, Typos = TypoTolerance.Off, Size = 100 }).Hits.Select(h => h.Id).ToHashSet();
            Assert.NotEmpty(plain);
            foreach (string fuzzy in new[] { word + "~", word + "~1", word + "~2" })
            {
                var found = index.Search(new SearchRequest(fuzzy) { Syntax = syntax, Typos = TypoTolerance.Off, Size = 100 }).Hits.Select(h => h.Id).ToHashSet();
                Assert.True(plain.IsSubsetOf(found), $"{fuzzy} ({syntax}) found {string.Join(',', found)}, not all of {string.Join(',', plain)}");
            }
        }
    }

    [Theory]
    [InlineData(QuerySyntax.Lucene)]
    [InlineData(QuerySyntax.Simple)]
    public async Task FuzzyTerm_MisspelledWithABareTilde_FindsTheWord(QuerySyntax syntax)
    {
        using SearchIndex index = await Index();

        SearchResults results = index.Search(new SearchRequest("astronomrs~") { Syntax = syntax, Typos = TypoTolerance.Off });

        Assert.Contains("ast", results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task FuzzyTerm_HighlightsTheDocumentsOwnWord()
    {
        using SearchIndex index = await Index();

        SearchHit hit = Assert.Single(index.Search(new SearchRequest("kubernetis~1")).Hits);

        Assert.Equal("<mark>Kubernetes</mark> release", hit.HighlightedTitle);
    }

    [Theory]
    [InlineData("afganistan", "afg")] // 10 letters: a missing letter
    [InlineData("bundesbnak", "bbk")] // a transposition is one edit
    [InlineData("kubernetis", "k8s")]
    [InlineData("astronmoers", "ast")] // 11 letters: two edits
    [InlineData("flooidng", "fl1,fl2")] // 8 letters: one edit (a transposition); "flooding" finds "floods" too
    public async Task Auto_MisspelledWord_FindsWhatTheWordFinds(string misspelled, string expected)
    {
        using SearchIndex index = await Index();

        Assert.Equal(expected, Ids(index.Search(Simple(misspelled))));
        Assert.Empty(index.Search(Simple(misspelled, TypoTolerance.Off)).Hits);
        Assert.Empty(index.Search(new SearchRequest(misspelled)).Hits); // the Lucene syntax keeps explicit '~'
    }

    [Theory]
    [InlineData("carz")] // 4 letters: no edit
    [InlineData("mbrlet")] // 6 letters: "market" is two substitutions away
    [InlineData("narket")] // the first letter must match
    [InlineData("flodoign")] // 8 letters: two edits are too many
    public async Task Auto_WordTooShortOrTooFarAway_FindsNothing(string misspelled)
    {
        using SearchIndex index = await Index();

        Assert.Empty(index.Search(Simple(misspelled)).Hits);
    }

    [Fact]
    public async Task Auto_DocumentWithTheWordAsTyped_RanksAboveOneWithOnlyACorrection()
    {
        // The same text but for one word, and the near word is the rarer one: scored on its own rarity, it would win.
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("typed", "Flights", "Flights to kabul resumed."),
            TestDocs.Doc("near", "Flights", "Flights to kabol resumed."),
            TestDocs.Doc("other", "Roads", "Roads to kabul reopened today."));

        SearchResults results = index.Search(Simple("kabul"));

        List<string> ids = [.. results.Hits.Select(h => h.Id)];
        Assert.Equal(3, ids.Count);
        Assert.True(ids.IndexOf("typed") < ids.IndexOf("near"), string.Join(',', ids));
        Assert.Equal(["other", "typed"], index.Search(Simple("kabul", TypoTolerance.Off)).Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Auto_RareNearWord_RanksBelowTheCommonWordMeant()
    {
        // "acquisiton" (a misspelling in one document) is as near to "aquisitons" as "acquisitions" (in many), and rarer:
        // scored by its own rarity, its document came first.
        var documents = new List<SeedDocument> { TestDocs.Doc("rare", "Deal", "The acquisiton closed.") };
        for (int i = 0; i < 20; i++)
            documents.Add(TestDocs.Doc($"common{i:00}", "Deals", $"The acquisitions closed, deal {i}."));
        using SearchIndex index = await TestDocs.IndexOf([.. documents]);

        SearchResults results = index.Search(Simple("aquisitons"));

        Assert.StartsWith("common", results.Hits[0].Id, StringComparison.Ordinal);
        Assert.Contains("rare", results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Auto_MisspellingSharingAnotherWordsStem_RanksTheCommonNearWordFirst()
    {
        // "divident" is in no document but stems as "divided" does; "dividend" is what was meant, and far more common.
        var documents = new List<SeedDocument> { TestDocs.Doc("divided", "Opinion", "Analysts divided on the outlook.") };
        for (int i = 0; i < 20; i++)
            documents.Add(TestDocs.Doc($"dividend{i:00}", "Payout", $"A dividend of {i} cents."));
        using SearchIndex index = await TestDocs.IndexOf([.. documents]);

        SearchResults results = index.Search(Simple("divident"));

        Assert.StartsWith("dividend", results.Hits[0].Id, StringComparison.Ordinal);
        Assert.Equal("dividend", results.Suggestion);
    }

    [Fact]
    public async Task Auto_CorrectlySpelledCommonWords_FindTheSameAsOff()
    {
        using SearchIndex index = await Index();

        foreach (string query in new[] { "flooding texas", "river floods", "bundesbank rates" })
            Assert.Equal(Ids(index.Search(Simple(query, TypoTolerance.Off))), Ids(index.Search(Simple(query))));
    }

    [Fact]
    public async Task Auto_Highlights_TheCorrectionInTheDocument()
    {
        using SearchIndex index = await Index();

        SearchHit hit = Assert.Single(index.Search(Simple("afganistan")).Hits);

        Assert.Equal("<mark>Afghanistan</mark> talks", hit.HighlightedTitle);
    }

    [Fact]
    public void Typos_Undefined_IsRejectedNamingTheProperty()
    {
        var request = new SearchRequest("x") { Typos = (TypoTolerance)7 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => request.Validate(10_000));

        Assert.Equal("Typos", error.ParamName);
    }

    [Fact]
    public void Typos_DefaultsToAuto() => Assert.Equal(TypoTolerance.Auto, new SearchRequest("x").Typos);
}
