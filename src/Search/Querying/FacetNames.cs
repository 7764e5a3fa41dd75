namespace Search.Querying;

/// <summary>What a name in <see cref="SearchRequest.Facets"/> asks for: a tag, or a date histogram by year, month or day.</summary>
internal static class FacetNames
{
    public const string DateYear = "date:year";
    public const string DateMonth = "date:month";
    public const string DateDay = "date:day";

    /// <summary>The date histogram <paramref name="name"/> asks for, or null when it names a tag.</summary>
    public static DateUnit? DateUnitOf(string name) => name switch
    {
        DateYear => DateUnit.Year,
        DateMonth => DateUnit.Month,
        DateDay => DateUnit.Day,
        _ => null,
    };

    /// <summary>What is wrong with <paramref name="name"/> as a facet, as the end of a sentence, or null when it is valid.</summary>
    public static string? Problem(string? name) => name switch
    {
        null => "a facet name is null",
        _ when DateUnitOf(name) is not null => null,
        _ when name == "date" || name.StartsWith("date:", StringComparison.Ordinal) =>
            $"\"{name}\" is not a facet: the date histograms are {DateYear}, {DateMonth} and {DateDay}",
        _ => TagRules.NameProblem(name),
    };
}

/// <summary>The width of the buckets of a date histogram.</summary>
internal enum DateUnit
{
    Year,
    Month,
    Day,
}
