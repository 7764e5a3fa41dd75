using System.Text;
using Search.Highlighting;

namespace Search.Tests.Highlighting;

public sealed class FragmentPickerTests
{
    private static List<TextSpan> MatchesOf(string text, string word)
    {
        var matches = new List<TextSpan>();
        for (int i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
            matches.Add(new TextSpan(i, i + word.Length));
        return matches;
    }

    [Fact]
    public void Choose_ZeroCount_GivesNoWindows()
    {
        const string text = "Rain over Kabul.";

        Assert.Empty(FragmentPicker.Choose(text, MatchesOf(text, "Kabul"), 0, 160));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n\t")]
    public void Choose_BlankText_GivesNoWindows(string text)
    {
        Assert.Empty(FragmentPicker.Choose(text, [], 3, 160));
    }

    [Fact]
    public void Choose_NoMatches_GivesOneLeadingWindowAfterLeadingWhiteSpace()
    {
        const string text = "\n  Opening words here. And then some more words that go on and on past the limit.";

        TextSpan window = Assert.Single(FragmentPicker.Choose(text, [], 3, 40));

        // The sentence end falls in the first half of the window, so the window runs on to the last whole word.
        Assert.Equal("Opening words here. And then some more", text[window.Start..window.End]);
    }

    [Fact]
    public void Choose_MatchesFarApart_GivesOneWindowPerMatchInTextOrder()
    {
        string text = string.Join(" ", Enumerable.Range(0, 4).Select(i => $"{Highlights.Filler(100)} kabul{i} {Highlights.Filler(100)}"));
        List<TextSpan> matches = [.. Enumerable.Range(0, 4).SelectMany(i => MatchesOf(text, $"kabul{i}"))];

        List<TextSpan> windows = FragmentPicker.Choose(text, matches, 10, 40);

        Assert.Equal(4, windows.Count);
        for (int i = 0; i < 4; i++)
            Assert.Contains($"kabul{i}", text[windows[i].Start..windows[i].End], StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_FewerWindowsThanMatches_PrefersWindowsWithMoreDistinctTerms()
    {
        string text = $"kabul {Highlights.Filler(200)} kabul taliban {Highlights.Filler(200)} kabul";
        List<TextSpan> matches = [.. MatchesOf(text, "kabul"), .. MatchesOf(text, "taliban")];
        matches.Sort((a, b) => a.Start.CompareTo(b.Start));

        TextSpan window = Assert.Single(FragmentPicker.Choose(text, matches, 1, 40));

        Assert.Contains("kabul taliban", text[window.Start..window.End], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    public void Choose_WordLongerThanSize_CutsAtSizeWithoutSplittingASurrogatePair(string prefix)
    {
        string text = prefix + string.Concat(Enumerable.Repeat("\U0001F600", 50));

        TextSpan window = Assert.Single(FragmentPicker.Choose(text, [], 1, 21));

        Assert.Equal(0, window.Start);
        Assert.InRange(window.End, 20, 21);
        Assert.False(char.IsLowSurrogate(text[window.End]), "The window ends between the halves of a surrogate pair.");
    }

    [Fact]
    public void Choose_MatchLongerThanSize_ShowsItsOpeningUpToAWordEnd()
    {
        const string text = "Before. Kabul Taliban Kabul Taliban Kabul Taliban. After.";
        TextSpan[] matches = [new(8, 49)];

        TextSpan window = Assert.Single(FragmentPicker.Choose(text, matches, 3, 20));

        Assert.Equal("Kabul Taliban Kabul", text[window.Start..window.End]);
    }

    [Fact]
    public void Choose_LongMatchJustBeforeAnchor_DoesNotStretchTheWindowPastSize()
    {
        // The window around "kabul" would start inside the phrase; taking the whole phrase would make it 24 long.
        const string text = "psychological war, kabul";
        TextSpan[] matches = [new(0, 17), new(19, 24)];

        List<TextSpan> windows = FragmentPicker.Choose(text, matches, 3, 20);

        Assert.Equal(["psychological war,", "kabul"], windows.Select(w => text[w.Start..w.End]));
    }

    [Fact]
    public void Choose_TextGluedToMatchAtSizeLimit_EndsAtTheMatch()
    {
        const string text = "psychological war-related";

        TextSpan window = Assert.Single(FragmentPicker.Choose(text, [new(0, 17)], 1, 20));

        Assert.Equal(new TextSpan(0, 17), window);
    }

    [Fact]
    public void Choose_SentenceThatFits_IsTheWholeSentenceThoughItsMatchIsNearItsEnd()
    {
        string sentence = $"The {Highlights.Filler(90)} met kabul elders.";
        string text = $"{Highlights.Filler(100)}. {sentence} {Highlights.Filler(100)}.";

        TextSpan window = Assert.Single(FragmentPicker.Choose(text, MatchesOf(text, "kabul"), 1, 120));

        Assert.Equal(sentence, text[window.Start..window.End]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Choose_PhraseAcrossALineEnd_IsNotCutWhereTheLineEnds(int count)
    {
        // The sentence of "kabul" starts after the line end, inside the phrase "psychological\nwar".
        const string text = "They lost the psychological\nwar near kabul. Then peace.";
        TextSpan[] matches = [new(14, 31), new(37, 42)];

        List<TextSpan> windows = FragmentPicker.Choose(text, matches, count, 160);

        Assert.All(windows, w => Assert.DoesNotContain(matches, m => (m.Start < w.Start && w.Start < m.End) || (m.Start < w.End && w.End < m.End)));
        Assert.Contains(windows, w => w.Start <= 14 && w.End >= 42);
    }

    [Fact]
    public void Choose_RoomForMoreWindows_GivesAMatchNoWindowShowsOneInTheGap()
    {
        string text = "kabul " + Highlights.Filler(152) + " kabul";

        List<TextSpan> windows = FragmentPicker.Choose(text, MatchesOf(text, "kabul"), 3, 160);

        Assert.Equal(2, windows.Count);
        Assert.Equal(0, windows[0].Start);
        Assert.Equal(new TextSpan(text.Length - 5, text.Length), windows[1]);
    }

    [Fact]
    public void Pick_WindowStartingAtASentenceAndEndingInsideOne_IsMarkedCutOnlyAtItsEnd()
    {
        string text = $"Before it. Rain over kabul and {Highlights.Filler(100)}. After.";

        Fragment fragment = Assert.Single(FragmentPicker.Pick(text, MatchesOf(text, "kabul"), 1, 40));

        Assert.StartsWith("Rain over kabul", text[fragment.Window.Start..], StringComparison.Ordinal);
        Assert.False(fragment.OpensMidSentence);
        Assert.True(fragment.ClosesMidSentence);
    }

    [Theory]
    [InlineData("Rain over kabul.")]
    [InlineData("  Rain over kabul  ")]
    [InlineData("First line\nRain over kabul\nLast line")]
    public void Pick_WholeSentenceOrLine_IsNotMarkedCut(string text)
    {
        Fragment fragment = Assert.Single(FragmentPicker.Pick(text, MatchesOf(text, "kabul"), 1, 20));

        Assert.Equal("Rain over kabul", text[fragment.Window.Start..fragment.Window.End].TrimEnd('.'));
        Assert.False(fragment.OpensMidSentence);
        Assert.False(fragment.ClosesMidSentence);
    }

    /// <summary>Sentences of random words with a few target words, to check the window rules on many shapes of text.</summary>
    private static (string Text, List<TextSpan> Matches) RandomText(int seed, int size)
    {
        var random = new Random(seed);
        string[] words = ["a", "of", "the", "river", "market", "stone", "extraordinarily", "x", "garden", "\U0001F600", "roads,", "(field)", "\u201Cquoted\u201D"];
        // Matches as MatchFinder gives them: single words, and phrases joined into one span.
        string[] targets = ["kabul", "k", "war", "psychological war", "kabul taliban", "taliban kabul taliban kabul taliban"];
        var text = new StringBuilder();
        var matches = new List<TextSpan>();
        int count = random.Next(20, 400);
        for (int i = 0; i < count; i++)
        {
            if (text.Length > 0)
                text.Append(random.Next(12) == 0 ? "  " : random.Next(20) == 0 ? "\n\n" : " ");
            if (random.Next(5) == 0)
            {
                string match = targets[random.Next(targets.Length)];
                if (match.Length > size)
                    match = "kabul";
                matches.Add(new TextSpan(text.Length, text.Length + match.Length));
                text.Append(match);
            }
            else
            {
                text.Append(words[random.Next(words.Length)]);
            }
            if (random.Next(10) == 0)
                text.Append(random.Next(3) switch { 0 => ".", 1 => "!", _ => "?\u201D" });
        }
        return (text.ToString(), matches);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(21)]
    [InlineData(25)]
    [InlineData(37)]
    [InlineData(60)]
    [InlineData(160)]
    [InlineData(500)]
    public void Choose_ManyGeneratedTexts_WindowsFitDoNotOverlapAndNeverCutAWordOrMatch(int size)
    {
        for (int seed = 0; seed < 300; seed++)
        {
            (string text, List<TextSpan> matches) = RandomText(seed, size);

            List<TextSpan> windows = FragmentPicker.Choose(text, matches, 100, size);

            Assert.NotEmpty(windows);
            int previousEnd = 0;
            foreach (TextSpan window in windows)
            {
                string shown = $"seed {seed}, window {window.Start}..{window.End}: '{text[window.Start..window.End]}'";
                Assert.True(window.Start >= previousEnd, $"Windows overlap or are out of order, {shown}");
                Assert.True(window.Length >= 1 && window.Length <= size, $"Window size out of range, {shown}");
                Assert.False(char.IsWhiteSpace(text[window.Start]) || char.IsWhiteSpace(text[window.End - 1]), $"Window not trimmed, {shown}");
                Assert.True(window.Start == 0 || char.IsWhiteSpace(text[window.Start - 1]), $"Window starts mid-word, {shown}");
                Assert.True(window.End == text.Length || char.IsWhiteSpace(text[window.End]) || matches.Exists(m => m.End == window.End),
                    $"Window ends mid-word, {shown}");
                Assert.False(matches.Exists(m => m.Start < window.End && window.End < m.End), $"Window cuts a match at its end, {shown}");
                Assert.False(matches.Exists(m => m.Start < window.Start && window.Start < m.End), $"Window cuts a match at its start, {shown}");
                Assert.True(matches.Count == 0 || matches.Exists(m => m.Start >= window.Start && m.End <= window.End), $"No whole match, {shown}");
                previousEnd = window.End;
            }
        }
    }
}
