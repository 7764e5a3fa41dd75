using System.Globalization;
using Microsoft.Extensions.Options;

namespace Search.AspNetCore;

/// <summary>Checks <see cref="SearchServiceOptions"/> when the host starts, with messages that name the setting as it is
/// configured (<c>Search:MaxQueryLength must be at least 1 (was 0).</c>), so a mistake stops the app before its first
/// request rather than failing every search.</summary>
/// <param name="indexPathRequired">Whether an index path must be set: not when the app serves an index it does not open
/// itself (a cluster's).</param>
internal sealed class SearchServiceOptionsValidator(bool indexPathRequired = true) : IValidateOptions<SearchServiceOptions>
{
    public ValidateOptionsResult Validate(string? name, SearchServiceOptions options)
    {
        var failures = new List<string>();
        string section = SearchServiceOptions.SectionName;
        if (indexPathRequired && string.IsNullOrWhiteSpace(options.IndexPath))
            failures.Add($"{section}:{nameof(SearchServiceOptions.IndexPath)} is required: the folder of the index to serve.");
        if (options.MaxRequestBodyBytes < 1)
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{nameof(SearchServiceOptions.MaxRequestBodyBytes)} must be at least 1 (was {options.MaxRequestBodyBytes})."));
        if (options.RetryAfterSeconds < 1)
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{section}:{nameof(SearchServiceOptions.RetryAfterSeconds)} must be at least 1 (was {options.RetryAfterSeconds})."));
        try
        {
            options.ToIndexOptions().Validate();
        }
        catch (ArgumentException e)
        {
            // The library's message starts with the property's name: say where it is configured.
            failures.Add($"{section}:{ExceptionText.Sentence(e)}");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
