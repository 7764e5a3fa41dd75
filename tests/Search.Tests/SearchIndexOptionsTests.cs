using System.Globalization;
using System.Reflection;

namespace Search.Tests;

/// <summary><see cref="SearchIndexOptions"/> check themselves when an index opens, and each rule says which property broke
/// it and with what value.</summary>
public sealed class SearchIndexOptionsTests
{
    [Theory]
    [InlineData(nameof(SearchIndexOptions.MaxFileBytes), "0")]
    [InlineData(nameof(SearchIndexOptions.IndexingThreads), "0")]
    [InlineData(nameof(SearchIndexOptions.CommitEveryDocuments), "-1")]
    [InlineData(nameof(SearchIndexOptions.CommitInterval), "00:00:00")]
    [InlineData(nameof(SearchIndexOptions.CommitInterval), "-00:00:01")]
    [InlineData(nameof(SearchIndexOptions.RamBufferSizeMB), "0")]
    [InlineData(nameof(SearchIndexOptions.RamBufferSizeMB), "NaN")]
    [InlineData(nameof(SearchIndexOptions.MaxQueryLength), "0")]
    [InlineData(nameof(SearchIndexOptions.MaxQueryDepth), "0")]
    [InlineData(nameof(SearchIndexOptions.MaxClauses), "0")]
    [InlineData(nameof(SearchIndexOptions.MaxClauses), "1025")]
    [InlineData(nameof(SearchIndexOptions.MaxTermExpansions), "0")]
    [InlineData(nameof(SearchIndexOptions.MaxResultWindow), "-5")]
    public void Open_ValueBreakingARule_NamesThePropertyAndTheValue(string property, string value)
    {
        SearchIndexOptions options = With(property, value);

        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(() => SearchIndex.InMemory(options));

        Assert.Equal(property, error.ParamName);
        Assert.StartsWith($"{property} must ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(was {value})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MaxQueryDepthZero_SaysItMustBeAtLeastOne()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => SearchIndex.InMemory(new SearchIndexOptions { MaxQueryDepth = 0 }));

        Assert.StartsWith("MaxQueryDepth must be at least 1 (was 0).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_MaxClausesPastLucenesCeiling_NamesTheCeiling()
    {
        ArgumentOutOfRangeException error = Assert.Throws<ArgumentOutOfRangeException>(
            () => SearchIndex.InMemory(new SearchIndexOptions { MaxClauses = 5000 }));

        Assert.Contains("between 1 and 1,024", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(SearchIndexOptions.MaxFileBytes), "1")]
    [InlineData(nameof(SearchIndexOptions.IndexingThreads), "1")]
    [InlineData(nameof(SearchIndexOptions.CommitEveryDocuments), "1")]
    [InlineData(nameof(SearchIndexOptions.CommitInterval), "00:00:00.0010000")]
    [InlineData(nameof(SearchIndexOptions.RamBufferSizeMB), "0.5")]
    [InlineData(nameof(SearchIndexOptions.MaxQueryLength), "1")]
    [InlineData(nameof(SearchIndexOptions.MaxQueryDepth), "1")]
    [InlineData(nameof(SearchIndexOptions.MaxClauses), "1")]
    [InlineData(nameof(SearchIndexOptions.MaxClauses), "1024")]
    [InlineData(nameof(SearchIndexOptions.MaxTermExpansions), "1")]
    [InlineData(nameof(SearchIndexOptions.MaxResultWindow), "1")]
    public void Open_ValueAtTheEdgeOfARule_IsAccepted(string property, string value)
    {
        using SearchIndex index = SearchIndex.InMemory(With(property, value));

        Assert.Equal(0, index.Count);
    }

    /// <summary>Default options with <paramref name="property"/> set to <paramref name="value"/>, parsed as the property's type.</summary>
    private static SearchIndexOptions With(string property, string value)
    {
        var options = new SearchIndexOptions();
        PropertyInfo setting = typeof(SearchIndexOptions).GetProperty(property)!;
        object parsed = setting.PropertyType == typeof(TimeSpan)
            ? TimeSpan.Parse(value, CultureInfo.InvariantCulture)
            : Convert.ChangeType(value, setting.PropertyType, CultureInfo.InvariantCulture);
        setting.SetValue(options, parsed);
        return options;
    }
}
