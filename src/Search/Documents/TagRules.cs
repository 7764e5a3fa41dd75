using System.Collections.ObjectModel;
using System.Globalization;

namespace Search;

/// <summary>What a tag may be (<see cref="SeedDocument.Tags"/>): the one place that checks names and values, for documents
/// upserted directly and for the metadata table of a folder sync alike.</summary>
internal static class TagRules
{
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 256;
    public const int MaxValuesPerDocument = 1000;

    /// <summary>The names the library's own fields take in the query syntax.</summary>
    public static readonly IReadOnlyList<string> Reserved = ["id", "title", "body", "date"];

    /// <summary>No tags: the default of <see cref="SeedDocument.Tags"/>.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> None =
        new ReadOnlyDictionary<string, IReadOnlyList<string>>(new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    /// <summary>What is wrong with <paramref name="name"/> as a tag name, as the end of a sentence, or null when it is valid.</summary>
    public static string? NameProblem(string name)
    {
        if (Reserved.Contains(name, StringComparer.Ordinal))
            return $"the tag name \"{name}\" is reserved for the library's own field ({string.Join(", ", Reserved)} are reserved)";
        bool valid = name.Length is > 0 and <= MaxNameLength && char.IsAsciiLetterLower(name[0])
            && name.AsSpan().IndexOfAnyExcept(NameCharacters) < 0;
        return valid ? null : string.Create(CultureInfo.InvariantCulture,
            $"the tag name \"{Shown(name)}\" is not valid: a name starts with a lower-case ASCII letter (a-z), then has lower-case letters, digits, '_' or '-', at most {MaxNameLength} characters in all");
    }

    /// <summary>What is wrong with one value of the tag <paramref name="name"/>, or null when it is valid.</summary>
    public static string? ValueProblem(string name, string? value) => value switch
    {
        null => $"the tag \"{name}\" has a null value",
        "" => $"the tag \"{name}\" has an empty value; a value must have at least one character",
        { Length: > MaxValueLength } => string.Create(CultureInfo.InvariantCulture,
            $"the tag \"{name}\" has a value of {value.Length:N0} characters (\"{Shown(value)}\"); a value may be at most {MaxValueLength} characters"),
        _ when HasLoneSurrogate(value) => $"the tag \"{name}\" has a value with a lone surrogate, which is not Unicode text and could not be stored as given",
        _ => null,
    };

    private static bool HasLoneSurrogate(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                i++;
            else if (char.IsSurrogate(value[i]))
                return true;
        }
        return false;
    }

    /// <summary>What is wrong with <paramref name="tags"/>, as the end of a sentence, or null when they are valid.</summary>
    public static string? Problem(IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
    {
        int count = 0;
        foreach ((string name, IReadOnlyList<string>? values) in tags)
        {
            if (NameProblem(name) is { } bad)
                return bad;
            if (values is null)
                return $"the tag \"{name}\" has null for its values; give an empty list for none";
            foreach (string value in values)
            {
                if (ValueProblem(name, value) is { } wrong)
                    return wrong;
            }
            count += values.Count;
        }
        return count <= MaxValuesPerDocument ? null : string.Create(CultureInfo.InvariantCulture,
            $"the tags have {count:N0} values in all; a document may have at most {MaxValuesPerDocument:N0}");
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="property"/> and the bad tag, if any.</summary>
    public static void Validate(IReadOnlyDictionary<string, IReadOnlyList<string>> tags, string property)
    {
        OptionRules.NotNull(tags, property);
        if (Problem(tags) is { } problem)
            throw OptionRules.Invalid(property, $"{property}: {problem}.");
    }

    /// <summary>A name or value as an error message quotes it: cut after 40 characters.</summary>
    private static string Shown(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");

    private static readonly System.Buffers.SearchValues<char> NameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_-");
}
