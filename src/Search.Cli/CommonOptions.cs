using System.CommandLine;

namespace Search.Cli;

/// <summary>Options several commands share, spelled once.</summary>
internal static class CommonOptions
{
    /// <summary>--verbose, on every command: library log and stack traces on stderr.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Print the library's log and full error details on stderr.",
        Recursive = true,
    };

    public static Option<string?> Index() => new("--index", "-i")
    {
        Description = $"The index folder. Default: ${CliHost.IndexVariable}, else .search-index in the current folder.",
        HelpName = "DIR",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write one JSON object to stdout instead of text.",
    };

    /// <summary>A whole-number option within [<paramref name="min"/>, <paramref name="max"/>], whose errors name the option.</summary>
    public static Option<int> Number(string name, string description, int defaultValue, int min, int max, string? alias = null)
    {
        Option<int> option = alias is null ? new(name) : new(name, alias);
        option.Description = description;
        option.HelpName = "N";
        option.DefaultValueFactory = _ => defaultValue;
        option.CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
                && value >= min && value <= max)
            {
                return value;
            }
            result.AddError(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{name} takes a whole number from {min:N0} to {max:N0}, not '{text}'."));
            return defaultValue;
        };
        return option;
    }
}
