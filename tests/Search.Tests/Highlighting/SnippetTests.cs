using static Search.Tests.Highlighting.Highlights;

namespace Search.Tests.Highlighting;

public sealed class SnippetTests
{
    // ---- Title ----

    [Fact]
    public async Task Search_DefaultOptions_WrapsTitleMatchesInMark()
    {
        SearchHit hit = await SingleHit("kabul", "Floods in Kabul tonight", "Nothing here.");

        Assert.Equal("Floods in <mark>Kabul</mark> tonight", hit.HighlightedTitle);
    }

    [Fact]
    public async Task Search_TitleLongerThanFragmentSize_HighlightsTheWholeTitle()
    {
        string title = Filler(300) + " Kabul";

        SearchHit hit = await SingleHit("kabul", title, "Body.", new HighlightOptions { FragmentSize = 20 });

        Assert.Equal(Filler(300) + " <mark>Kabul</mark>", hit.HighlightedTitle);
    }

    [Fact]
    public async Task Search_TitleWithoutMatch_IsTheWholeTitleUnmarked()
    {
        SearchHit hit = await SingleHit("kabul", "Weather report", "Rain over Kabul.");

        Assert.Equal("Weather report", hit.HighlightedTitle);
    }

    // ---- Snippet count, size and order ----

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(5, 5)]
    [InlineData(10, 5)]
    public async Task Search_ManySeparateMatches_GivesAtMostFragmentsSnippets(int fragments, int expected)
    {
        string body = string.Join(" ", Enumerable.Range(0, 5).Select(_ => Filler(200) + " kabul " + Filler(200)));

        SearchHit hit = await SingleHit("kabul", "Title", body, new HighlightOptions { Fragments = fragments, FragmentSize = 60 });

        Assert.Equal(expected, hit.Snippets.Count);
        Assert.All(hit.Snippets, s => Assert.Contains("<mark>kabul</mark>", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_DefaultOptions_GivesThreeSnippetsOfAtMost160Characters()
    {
        string body = string.Join(" ", Enumerable.Range(0, 6).Select(_ => Filler(300) + " kabul " + Filler(300)));

        SearchHit hit = await SingleHit("kabul", "Title", body);

        Assert.Equal(3, hit.Snippets.Count);
        Assert.All(hit.Snippets, s => Assert.InRange(PlainText(s).Length, 1, 160));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(37)]
    [InlineData(80)]
    [InlineData(160)]
    [InlineData(500)]
    public async Task Search_AnyFragmentSize_SnippetsStayWithinItAndStartAndEndOnWords(int size)
    {
        // Single-spaced text with sentences, commas and matches, so each snippet's text is a substring of the body.
        string body = string.Join(" ", Enumerable.Range(0, 40).Select(i => i % 3 == 0
            ? $"The flood reached the {Filler(10 + i)}, said Kabul officials."
            : $"{char.ToUpperInvariant(Filler(30 + i)[0])}{Filler(30 + i)[1..]}."));
        var options = new HighlightOptions { Fragments = 100, FragmentSize = size };

        SearchHit hit = await SingleHit("flood kabul", "Title", body, options);

        Assert.NotEmpty(hit.Snippets);
        int previousEnd = 0;
        foreach (string snippet in hit.Snippets)
        {
            string text = PlainText(snippet);
            Assert.InRange(text.Length, 1, size);
            int start = body.IndexOf(text, previousEnd, StringComparison.Ordinal);
            Assert.True(start >= 0, $"Snippet not found (in text order) in the body: {text}");
            int end = start + text.Length;
            Assert.True(start == 0 || body[start - 1] == ' ', $"Snippet starts mid-word: {text}");
            Assert.True(end == body.Length || body[end] == ' ', $"Snippet ends mid-word: {text}");
            previousEnd = end;
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(23)]
    [InlineData(30)]
    [InlineData(45)]
    [InlineData(160)]
    public async Task Search_GeneratedBodiesWithPhrases_SnippetsStayWithinSizeAndNeverCutWords(int size)
    {
        Dictionary<string, string> bodies = Enumerable.Range(0, 150).ToDictionary(i => $"d{i}", RandomBody);
        using SearchIndex index = await TestDocs.IndexOf([.. bodies.Select(b => TestDocs.Doc(b.Key, "Title", b.Value))]);
        var options = new HighlightOptions { Fragments = 100, FragmentSize = size };

        SearchResults results = index.Search(new SearchRequest("\"psychological war\" kabul taliban") { Size = 150, Highlight = options });

        Assert.True(results.Hits.Count > 100, $"Only {results.Hits.Count} hits.");
        foreach (SearchHit hit in results.Hits)
        {
            string body = bodies[hit.Id];
            int[] matchEnds = [.. hit.Matches.Where(m => m.Field == HighlightMatch.BodyField).Select(m => m.End)];
            int previousEnd = 0;
            foreach (string snippet in hit.Snippets)
            {
                string text = PlainText(snippet);
                Assert.True(text.Length <= size, $"{hit.Id}: {text.Length} characters: {snippet}");
                Assert.True(IsValidUtf16(snippet), $"{hit.Id}: lone surrogate: {snippet}");
                // The text may occur more than once: some occurrence after the previous snippet must sit on word boundaries.
                int start = -1;
                for (int at = body.IndexOf(text, previousEnd, StringComparison.Ordinal); at >= 0 && start < 0; at = body.IndexOf(text, at + 1, StringComparison.Ordinal))
                {
                    int end = at + text.Length;
                    if ((at == 0 || body[at - 1] == ' ') && (end == body.Length || body[end] == ' ' || matchEnds.Contains(end)))
                        start = at;
                }
                Assert.True(start >= 0, $"{hit.Id}: snippet not in the body in text order, or cut mid-word: {snippet}");
                previousEnd = start + text.Length;
            }
        }
    }

    [Fact]
    public async Task Search_PhraseNearlyAsLongAsFragment_SnippetStaysWithinSize()
    {
        SearchHit hit = await SingleHit("\"psychological war\"", "Title", "They lost the psychological war last year.", new HighlightOptions { FragmentSize = 20 });

        Assert.Equal("…<mark>psychological war</mark>…", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_TextGluedToMatchAtFragmentEnd_SnippetEndsAtTheMatchNotMidWord()
    {
        SearchHit hit = await SingleHit("\"psychological war\"", "Title", "They lost the psychological war-related struggle.", new HighlightOptions { FragmentSize = 20 });

        Assert.Equal("…<mark>psychological war</mark>…", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_RunOfMatchedWordsLongerThanFragment_ShowsItsOpeningMarked()
    {
        const string body = "Kabul Taliban Kabul Taliban Kabul Taliban Kabul Taliban.";

        SearchHit hit = await SingleHit("kabul taliban", "Title", body, new HighlightOptions { FragmentSize = 20 });

        Assert.Equal("<mark>Kabul Taliban Kabul</mark>…", Assert.Single(hit.Snippets));
        Assert.Equal(new HighlightMatch { Field = "body", Start = 0, End = 55 }, Assert.Single(hit.Matches));
    }

    [Fact]
    public async Task Search_BetterMatchLaterInText_SnippetsStillInTextOrder()
    {
        string body = "kabul " + Filler(400) + " taliban kabul taliban kabul " + Filler(400);

        SearchHit hit = await SingleHit("kabul taliban", "Title", body, new HighlightOptions { Fragments = 2, FragmentSize = 60 });

        Assert.Equal(2, hit.Snippets.Count);
        Assert.StartsWith("<mark>kabul</mark> river", hit.Snippets[0], StringComparison.Ordinal);
        Assert.Contains("<mark>taliban kabul taliban kabul</mark>", hit.Snippets[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_SingleWordLongerThanFragment_IsCutToTheFragmentSize()
    {
        string body = new('a', 300);

        SearchHit hit = await SingleHit("kabul", "Kabul", body, new HighlightOptions { FragmentSize = 20 });

        Assert.Equal(new string('a', 20) + "…", Assert.Single(hit.Snippets));
    }

    // ---- Boundaries ----

    [Fact]
    public async Task Search_SentenceStartsShortlyBeforeMatch_SnippetStartsAtTheSentence()
    {
        string body = "Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau. "
            + "The kabul flood is here and " + Filler(300);

        SearchHit hit = await SingleHit("kabul", "Title", body);

        Assert.StartsWith("The <mark>kabul</mark> flood is here", Assert.Single(hit.Snippets), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_SentenceEndsInSecondHalfOfFragment_SnippetEndsAtTheSentence()
    {
        string sentence = "The kabul flood rose overnight and covered the lower town, the market and the river road completely.";
        string body = sentence + " " + Filler(400);

        SearchHit hit = await SingleHit("kabul", "Title", body);

        Assert.Equal(sentence.Replace("kabul", "<mark>kabul</mark>", StringComparison.Ordinal), Assert.Single(hit.Snippets));
    }

    // The sentence of the example, 154 characters, its only match near its end.
    private const string EnvoySentence = "Adela Raz, Afghanistan’s ambassador and envoy to the United States, said Friday that the Taliban is urging President Ashraf Ghani to resign, not citizens.";

    [Fact]
    public async Task Search_MatchNearTheEndOfASentenceThatFits_SnippetIsTheWholeSentence()
    {
        string body = "The government is working to secure the capital. " + EnvoySentence + " She told PBS NewsHour on Friday it was an appeal.";

        SearchHit hit = await SingleHit("taliban", "Title", body, new HighlightOptions { Fragments = 1 });

        Assert.Equal(154, EnvoySentence.Length);
        Assert.Equal(EnvoySentence.Replace("Taliban", "<mark>Taliban</mark>", StringComparison.Ordinal), Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_SentencesAfterTheMatchThatFit_AreShownWholeToo()
    {
        string body = Filler(200) + ". Rain fell over Kabul. The river rose. The market closed early. " + Filler(200) + ".";

        SearchHit hit = await SingleHit("kabul", "Title", body, new HighlightOptions { FragmentSize = 70 });

        Assert.Equal("Rain fell over <mark>Kabul</mark>. The river rose. The market closed early.", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_SentenceLongerThanFragment_IsAWindowCutAtWordsWithAnEllipsisAtEachCut()
    {
        string body = "Short opening. " + Filler(150) + " kabul " + Filler(150) + ". Closing words.";

        SearchHit hit = await SingleHit("kabul", "Title", body, new HighlightOptions { FragmentSize = 60 });

        string snippet = Assert.Single(hit.Snippets);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        string text = PlainText(snippet);
        Assert.InRange(text.Length, 1, 60);
        int start = body.IndexOf(text, StringComparison.Ordinal);
        Assert.True(body[start - 1] == ' ' && body[start + text.Length] == ' ', $"Cut mid-word: {snippet}");
    }

    [Fact]
    public async Task Search_WindowFromASentenceStartEndingMidSentence_HasTheEllipsisOnlyAtTheEnd()
    {
        string body = "Before it. The kabul flood is here and " + Filler(300) + ".";

        SearchHit hit = await SingleHit("kabul", "Title", body, new HighlightOptions { FragmentSize = 60 });

        string snippet = Assert.Single(hit.Snippets);
        Assert.StartsWith("The <mark>kabul</mark> flood", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "<mark>psychological war</mark>")]
    [InlineData("...", "...<mark>psychological war</mark>...")]
    [InlineData("&hellip; ", "&hellip; <mark>psychological war</mark>&hellip; ")]
    public async Task Search_Ellipsis_IsWrittenAsGivenNeverEncodedAndEmptyTurnsItOff(string ellipsis, string expected)
    {
        var options = new HighlightOptions { FragmentSize = 20, Ellipsis = ellipsis };

        SearchHit hit = await SingleHit("\"psychological war\"", "Title", "They lost the psychological war last year.", options);

        Assert.Equal(expected, Assert.Single(hit.Snippets));
    }

    // ---- Every match before any match twice ----

    [Fact]
    public async Task Search_168CharacterBodyWithKennedyAtBothEnds_ShowsBothKennedys()
    {
        string body = "Kennedy " + Filler(152) + " Kennedy";

        SearchHit hit = await SingleHit("kennedy", "Title", body);

        Assert.Equal(168, body.Length);
        Assert.Equal(2, hit.Snippets.Count);
        Assert.StartsWith("<mark>Kennedy</mark> river", hit.Snippets[0], StringComparison.Ordinal);
        Assert.EndsWith("<mark>Kennedy</mark>", hit.Snippets[1], StringComparison.Ordinal);
        Assert.Equal(body.Length - "Kennedy".Length, hit.Matches[1].Start);
    }

    [Fact]
    public async Task Search_MatchesCloserThanAFragment_EachIsShownWhileFragmentsAreLeft()
    {
        // The window around each kabul overlaps the window around the next: the best windows alone leave kabul3 out.
        string body = string.Join(" ", Enumerable.Range(0, 4).Select(i => $"kabul{i} {Filler(40)}"));
        var options = new HighlightOptions { Fragments = 3, FragmentSize = 60 };

        SearchHit hit = await SingleHit("kabul0 kabul1 kabul2 kabul3", "Title", body, options);

        Assert.InRange(hit.Snippets.Count, 1, 3);
        for (int i = 0; i < 4; i++)
            Assert.Contains(hit.Snippets, s => s.Contains($"<mark>kabul{i}</mark>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_WhiteSpaceRunsAndLineBreaks_AreCollapsedToOneSpace()
    {
        string body = "First  line\twith kabul\r\n\r\nSecond \u00A0 paragraph\n\n\nhere.";

        SearchHit hit = await SingleHit("kabul", "Title", body);

        Assert.Equal("First line with <mark>kabul</mark> Second paragraph here.", Assert.Single(hit.Snippets));
    }

    // ---- Body without a match ----

    [Fact]
    public async Task Search_BodyWithoutMatch_GivesOneLeadingSnippet()
    {
        string body = "\n\nOpening words of the body. " + Filler(600);

        SearchHit hit = await SingleHit("kabul", "Kabul report", body, new HighlightOptions { FragmentSize = 80 });

        string snippet = Assert.Single(hit.Snippets);
        Assert.StartsWith("Opening words of the body.", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        snippet = snippet[..^1];
        Assert.InRange(snippet.Length, 1, 80);
        string trimmed = body.TrimStart();
        Assert.StartsWith(snippet, trimmed, StringComparison.Ordinal);
        Assert.Equal(' ', trimmed[snippet.Length]);
    }

    [Fact]
    public async Task Search_ShortBodyWithoutMatch_SnippetIsTheWholeBody()
    {
        SearchHit hit = await SingleHit("kabul", "Kabul report", "Short body.");

        Assert.Equal("Short body.", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_EmptyBody_GivesNoSnippets()
    {
        SearchHit hit = await SingleHit("kabul", "Kabul report", "");

        Assert.Empty(hit.Snippets);
        Assert.Equal("<mark>Kabul</mark> report", hit.HighlightedTitle);
    }

    // ---- Phrases and stemming ----

    [Fact]
    public async Task Search_PhraseQuery_MarksOnlyThePhraseAsOneMark()
    {
        const string body = "They lost the psychological war last year. Then a real war began.";

        SearchHit hit = await SingleHit("\"psychological war\"", "Title", body);

        string snippet = Assert.Single(hit.Snippets);
        Assert.Equal("They lost the <mark>psychological war</mark> last year. Then a real war began.", snippet);
    }

    [Fact]
    public async Task Search_PlainTerm_MarksEveryOccurrence()
    {
        const string body = "They lost the psychological war last year. Then a real war began.";

        SearchHit hit = await SingleHit("war", "Title", body);

        Assert.Equal("They lost the psychological <mark>war</mark> last year. Then a real <mark>war</mark> began.", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_PhraseQuery_MarksThePhraseInTheTitle()
    {
        SearchHit hit = await SingleHit("\"psychological war\"", "A war and a psychological war", "Body.");

        Assert.Equal("A war and a <mark>psychological war</mark>", hit.HighlightedTitle);
    }

    [Fact]
    public async Task Search_StemmedQuery_MarksOtherFormsOfTheWord()
    {
        SearchHit hit = await SingleHit("flood", "Floods return", "Floods hit the city. The river flooded the plain.");

        Assert.Equal("<mark>Floods</mark> return", hit.HighlightedTitle);
        Assert.Equal("<mark>Floods</mark> hit the city. The river <mark>flooded</mark> the plain.", Assert.Single(hit.Snippets));
    }

    // ---- Long documents ----

    [Fact]
    public async Task Search_MatchAfterFirst100000Characters_IsFoundAndHighlighted()
    {
        string body = Filler(120_000) + ". The Kabul airport closed.";

        SearchHit hit = await SingleHit("kabul", "Title", body);

        Assert.Equal("The <mark>Kabul</mark> airport closed.", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_PhraseAfterFirst100000Characters_IsFoundAndHighlighted()
    {
        string body = Filler(120_000) + ". They lost the psychological war. A war.";

        SearchHit hit = await SingleHit("\"psychological war\"", "Title", body);

        Assert.Equal("They lost the <mark>psychological war</mark>. A war.", Assert.Single(hit.Snippets));
    }

    // ---- Options ----

    [Fact]
    public async Task Search_CustomTags_AreWrittenVerbatim()
    {
        var options = new HighlightOptions { PreTag = "<em class=\"hit\">", PostTag = "</em>" };

        SearchHit hit = await SingleHit("kabul", "Kabul & more", "Rain over Kabul.", options);

        Assert.Equal("<em class=\"hit\">Kabul</em> &amp; more", hit.HighlightedTitle);
        Assert.Equal("Rain over <em class=\"hit\">Kabul</em>.", Assert.Single(hit.Snippets));
    }

    [Fact]
    public async Task Search_HighlightNull_GivesNoHighlighting()
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("doc", "Kabul", "Rain over Kabul."));

        SearchHit hit = Assert.Single(index.Search(new SearchRequest("kabul") { Highlight = null }).Hits);

        Assert.Equal("Kabul", hit.Title);
        Assert.Null(hit.HighlightedTitle);
        Assert.Empty(hit.Snippets);
        Assert.Empty(hit.Matches);
    }

    [Fact]
    public async Task Search_ZeroFragments_GivesNoSnippetsButTitleAndMatches()
    {
        SearchHit hit = await SingleHit("kabul", "Kabul", "Rain over Kabul.", new HighlightOptions { Fragments = 0 });

        Assert.Empty(hit.Snippets);
        Assert.Equal("<mark>Kabul</mark>", hit.HighlightedTitle);
        HighlightMatch[] expected = [new() { Field = "title", Start = 0, End = 5 }, new() { Field = "body", Start = 10, End = 15 }];
        Assert.Equal(expected, hit.Matches);
    }

    [Theory]
    [InlineData(-1, 160)]
    [InlineData(101, 160)]
    [InlineData(int.MinValue, 160)]
    [InlineData(3, 19)]
    [InlineData(3, 0)]
    [InlineData(3, -5)]
    [InlineData(3, 10_001)]
    public async Task Search_OutOfRangeFragmentSettings_ThrowsArgumentOutOfRange(int fragments, int size)
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("doc", "Kabul", "Rain over Kabul."));
        var request = new SearchRequest("kabul") { Highlight = new HighlightOptions { Fragments = fragments, FragmentSize = size } };

        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(request));
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(100, 10_000)]
    public async Task Search_BoundaryFragmentSettings_AreAccepted(int fragments, int size)
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("doc", "Kabul", "Rain over Kabul."));
        var request = new SearchRequest("kabul") { Highlight = new HighlightOptions { Fragments = fragments, FragmentSize = size } };

        SearchHit hit = Assert.Single(index.Search(request).Hits);

        Assert.Equal(Math.Min(fragments, 1), hit.Snippets.Count);
    }

    // ---- The seed article ----

    [Fact]
    public async Task Search_SeedArticleForKabul_MarksKabulInSnippets()
    {
        SeedDocument seed = SeedDocumentReader.ReadFile(TestDocs.SeedFile, "seed");

        SearchHit hit = await SingleHit("Kabul", seed);

        Assert.NotEmpty(hit.Snippets);
        Assert.Contains(hit.Snippets, s => s.Contains("<mark>Kabul</mark>", StringComparison.Ordinal));
        Assert.All(hit.Snippets, s => Assert.InRange(PlainText(s).Length, 1, 160));
    }

    [Fact]
    public async Task Search_SeedArticleForPhrase_MarksThePhraseAsOneMark()
    {
        SeedDocument seed = SeedDocumentReader.ReadFile(TestDocs.SeedFile, "seed");

        SearchHit hit = await SingleHit("\"psychological war\"", seed);

        string snippet = Assert.Single(hit.Snippets);
        Assert.Contains("<mark>psychological war</mark>", snippet, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(snippet, "<mark>"));
        HighlightMatch match = Assert.Single(hit.Matches);
        Assert.Equal("psychological war", seed.Body[match.Start..match.End]);
    }
}
