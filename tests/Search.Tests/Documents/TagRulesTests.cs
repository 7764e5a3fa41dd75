namespace Search.Tests.Documents;

/// <summary>What a tag may be, as <see cref="SearchIndex.UpsertAsync"/> checks it: the message names the tag, the value and
/// the rule, and the parameter is <c>document.Tags</c>.</summary>
public sealed class TagRulesTests
{
    private static SeedDocument Tagged(string name, params string[] values) =>
        new("a", "Title", "Body") { Tags = new Dictionary<string, IReadOnlyList<string>> { [name] = values } };

    [Theory]
    [InlineData("Topics", "the tag name \"Topics\" is not valid")]
    [InlineData("1topics", "the tag name \"1topics\" is not valid")]
    [InlineData("_topics", "the tag name \"_topics\" is not valid")]
    [InlineData("top.ics", "the tag name \"top.ics\" is not valid")]
    [InlineData("top ics", "the tag name \"top ics\" is not valid")]
    [InlineData("", "the tag name \"\" is not valid")]
    [InlineData("date", "the tag name \"date\" is reserved")]
    [InlineData("id", "the tag name \"id\" is reserved")]
    [InlineData("title", "the tag name \"title\" is reserved")]
    [InlineData("body", "the tag name \"body\" is reserved")]
    public async Task Upsert_BadTagName_ThrowsNamingIt(string name, string expected)
    {
        using SearchIndex index = SearchIndex.InMemory();

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Tagged(name, "x")));

        Assert.Equal("document.Tags", error.ParamName);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("topics")]
    [InlineData("date_raw")]
    [InlineData("money-fx")]
    [InlineData("a")]
    [InlineData("x1_2-3")]
    public async Task Upsert_ValidTagName_IsAccepted(string name)
    {
        using SearchIndex index = SearchIndex.InMemory();

        await index.UpsertAsync(Tagged(name, "x"));
        await index.CommitAsync();

        Assert.Equal(["x"], index.Get("a")!.Tags[name]);
    }

    [Fact]
    public async Task Upsert_NameOf64Characters_IsAcceptedAnd65IsNot()
    {
        using SearchIndex index = SearchIndex.InMemory();

        await index.UpsertAsync(Tagged(new string('a', 64), "x"));
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Tagged(new string('a', 65), "x")));

        Assert.Contains("at most 64 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_EmptyValue_ThrowsNamingTheTag()
    {
        using SearchIndex index = SearchIndex.InMemory();

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Tagged("topics", "grain", "")));

        Assert.Equal("document.Tags", error.ParamName);
        Assert.Contains("the tag \"topics\" has an empty value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_ValueOver256Characters_ThrowsNamingTagLengthAndTheValueShortened()
    {
        using SearchIndex index = SearchIndex.InMemory();
        string value = "v" + new string('x', 256);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Tagged("topics", value)));

        Assert.Contains("the tag \"topics\" has a value of 257 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"v" + new string('x', 39) + "…\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 256 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_ValueWithALoneSurrogate_ThrowsAndEmojiAreFine()
    {
        using SearchIndex index = SearchIndex.InMemory();

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Tagged("topics", "bad\uD800")));
        await index.UpsertAsync(Tagged("topics", "good 😀"));
        await index.CommitAsync();

        Assert.Contains("the tag \"topics\" has a value with a lone surrogate", error.Message, StringComparison.Ordinal);
        Assert.Equal(["good 😀"], index.Get("a")!.Tags["topics"]);
    }

    [Fact]
    public async Task Upsert_1001ValuesInAll_ThrowsAnd1000AreAccepted()
    {
        using SearchIndex index = SearchIndex.InMemory();
        string[] values = [.. Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var thousand = new SeedDocument("a", "T", "B") { Tags = new Dictionary<string, IReadOnlyList<string>> { ["one"] = values, ["two"] = values } };
        var tooMany = thousand with { Tags = new Dictionary<string, IReadOnlyList<string>> { ["one"] = values, ["two"] = values, ["three"] = ["x"] } };

        await index.UpsertAsync(thousand);
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(tooMany));

        Assert.Contains("1,001 values in all", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 1,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_NullTagsOrValues_Throws()
    {
        using SearchIndex index = SearchIndex.InMemory();

        ArgumentException nullTags = await Assert.ThrowsAsync<ArgumentNullException>(() => index.UpsertAsync(new SeedDocument("a", "T", "B") { Tags = null! }));
        ArgumentException nullList = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(
            new SeedDocument("a", "T", "B") { Tags = new Dictionary<string, IReadOnlyList<string>> { ["topics"] = null! } }));
        ArgumentException nullValue = await Assert.ThrowsAsync<ArgumentException>(() => index.UpsertAsync(Tagged("topics", "grain", null!)));

        Assert.Equal("document.Tags", nullTags.ParamName);
        Assert.Contains("\"topics\" has null", nullList.Message, StringComparison.Ordinal);
        Assert.Contains("\"topics\" has a null value", nullValue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedDocument_SameTagsInOtherInstances_AreEqualWithTheSameHash()
    {
        var first = new SeedDocument("a", "T", "B")
        {
            Tags = new Dictionary<string, IReadOnlyList<string>> { ["topics"] = new List<string> { "grain", "wheat" }, ["places"] = ["usa"] },
        };
        var second = new SeedDocument("a", "T", "B")
        {
            Tags = new Dictionary<string, IReadOnlyList<string>> { ["places"] = new[] { "usa" }, ["topics"] = new[] { "grain", "wheat" } },
        };

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void SeedDocument_TagValuesInAnotherOrderOrCase_AreNotEqual()
    {
        var document = new SeedDocument("a", "T", "B") { Tags = new Dictionary<string, IReadOnlyList<string>> { ["topics"] = ["grain", "wheat"] } };

        Assert.NotEqual(document, document with { Tags = new Dictionary<string, IReadOnlyList<string>> { ["topics"] = ["wheat", "grain"] } });
        Assert.NotEqual(document, document with { Tags = new Dictionary<string, IReadOnlyList<string>> { ["topics"] = ["Grain", "wheat"] } });
        Assert.NotEqual(document, document with { Tags = new Dictionary<string, IReadOnlyList<string>> { ["topics"] = ["grain"] } });
        Assert.NotEqual(document, document with { Tags = new Dictionary<string, IReadOnlyList<string>>() });
        Assert.Equal(new SeedDocument("a", "T", "B"), new SeedDocument("a", "T", "B") { Tags = new Dictionary<string, IReadOnlyList<string>>() });
    }
}
