namespace Search.Tests.Highlighting;

/// <summary><see cref="HighlightOptions"/> check themselves when a search starts, and each rule says which property broke
/// it and with what value.</summary>
public sealed class HighlightOptionsTests
{
    [Theory]
    [InlineData(nameof(HighlightOptions.Fragments), -1)]
    [InlineData(nameof(HighlightOptions.Fragments), 101)]
    [InlineData(nameof(HighlightOptions.FragmentSize), 19)]
    [InlineData(nameof(HighlightOptions.FragmentSize), 10_001)]
    public async Task Search_NumberOutOfRange_NamesThePropertyAndTheValue(string property, int value)
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("doc", "Kabul", "Rain over Kabul."));
        HighlightOptions highlight = property == nameof(HighlightOptions.Fragments)
            ? new HighlightOptions { Fragments = value }
            : new HighlightOptions { FragmentSize = value };

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => index.Search(new SearchRequest("kabul") { Highlight = highlight }));

        Assert.Equal($"Highlight.{property}", error.ParamName);
        Assert.StartsWith($"Highlight.{property} must be between ", error.Message, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"(was {value})"), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(HighlightOptions.PreTag))]
    [InlineData(nameof(HighlightOptions.PostTag))]
    [InlineData(nameof(HighlightOptions.Ellipsis))]
    public async Task Search_NullTagOrEllipsis_NamesTheProperty(string property)
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("doc", "Kabul", "Rain over Kabul."));
        HighlightOptions highlight = property switch
        {
            nameof(HighlightOptions.PreTag) => new HighlightOptions { PreTag = null! },
            nameof(HighlightOptions.PostTag) => new HighlightOptions { PostTag = null! },
            _ => new HighlightOptions { Ellipsis = null! },
        };

        ArgumentNullException error = Assert.Throws<ArgumentNullException>(
            () => index.Search(new SearchRequest("kabul") { Highlight = highlight }));

        Assert.Equal($"Highlight.{property}", error.ParamName);
        Assert.StartsWith($"Highlight.{property} must be set (was null).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ellipsis_ByDefault_IsTheHorizontalEllipsisCharacter()
    {
        Assert.Equal("\u2026", new HighlightOptions().Ellipsis);
    }

    [Fact]
    public async Task Search_EmptyTags_AreAccepted()
    {
        using SearchIndex index = await TestDocs.IndexOf(TestDocs.Doc("doc", "Kabul", "Rain over Kabul."));

        SearchResults results = index.Search(new SearchRequest("kabul") { Highlight = new HighlightOptions { PreTag = "", PostTag = "" } });

        Assert.Equal("Kabul", Assert.Single(results.Hits).HighlightedTitle);
    }
}
