using System.Reflection;
using Search.Evaluation;

namespace Search.Tests;

/// <summary>The records the library returns compare by value, the lists they hold element by element, so two identical
/// results are equal however the lists were built.</summary>
public sealed class OutputEqualityTests
{
    public static TheoryData<Type> ValueTypes =>
    [
        typeof(SearchHit), typeof(HighlightMatch), typeof(IndexStats), typeof(IndexCheckReport), typeof(IndexProgress),
        typeof(IndexFailure), typeof(EvaluationReport), typeof(QueryEvaluation),
    ];

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void Equals_SameValuesInOtherListInstances_IsEqualWithTheSameHash(Type type)
    {
        object first = Build(type, 0);
        object second = Build(type, 0);

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void Equals_AnyOnePropertyDifferent_IsNotEqual(Type type)
    {
        object original = Build(type, 0);
        foreach (PropertyInfo property in Settable(type))
        {
            object changed = Build(type, 0);
            property.SetValue(changed, Sample(property.PropertyType, 1));

            Assert.False(original.Equals(changed), $"{type.Name} equality ignores {property.Name}");
        }
    }

    [Fact]
    public async Task Search_SameQueryTwice_GivesEqualHits()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("a", "Kabul airport", "Flights left Kabul at dawn.", "2021-08-15"),
            TestDocs.Doc("b", "Kabul", "Kabul news."));

        SearchResults first = index.Search(new SearchRequest("kabul"));
        SearchResults second = index.Search(new SearchRequest("kabul"));

        Assert.NotSame(first.Hits[0].Snippets, second.Hits[0].Snippets);
        Assert.Equal(first.Hits, second.Hits);
        Assert.Equal(index.GetStats(), index.GetStats());
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    /// <summary>An instance of a record with every property set to the <paramref name="variant"/>'s sample value.</summary>
    private static object Build(Type type, int variant)
    {
        object instance = Activator.CreateInstance(type)!;
        foreach (PropertyInfo property in Settable(type))
            property.SetValue(instance, Sample(property.PropertyType, variant));
        return instance;
    }

    /// <summary>A value of <paramref name="type"/> that differs between variants 0 and 1; lists are new instances each time.</summary>
    private static object Sample(Type type, int variant)
    {
        Type? element = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
        if (type == typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>))
            return new Dictionary<string, IReadOnlyList<string>> { ["tag"] = new List<string> { "value " + variant } };
        if (element is not null)
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Sample(element, variant));
            return list;
        }
        return (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            Type t when t == typeof(string) => "text " + variant,
            Type t when t == typeof(int) => 1 + variant,
            Type t when t == typeof(long) => 1L + variant,
            Type t when t == typeof(float) => 1f + variant,
            Type t when t == typeof(double) => 1d + variant,
            Type t when t == typeof(bool) => variant == 1,
            Type t when t == typeof(DateOnly) => new DateOnly(2021, 8, 1 + variant),
            Type t when t == typeof(TimeSpan) => TimeSpan.FromSeconds(1 + variant),
            Type t when t == typeof(TagCount) => new TagCount("tag", 1 + variant),
            Type t when t.Namespace is "Search" or "Search.Evaluation" => Build(t, variant),
            _ => throw new NotSupportedException($"No sample value for {type}."),
        };
    }
}
