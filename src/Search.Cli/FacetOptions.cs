using System.CommandLine;
using System.CommandLine.Parsing;

namespace Search.Cli;

/// <summary><c>--filter NAME=VALUE</c> and <c>--facet NAME</c>, spelled once for every command that searches.</summary>
internal sealed class FacetOptions
{
    private readonly Option<string[]> _filter = new("--filter")
    {
        Description = "Only documents whose tag NAME has the exact VALUE (repeatable: the same name twice means either value, "
                      + "different names must all hold), e.g. --filter places=usa --filter topics=grain.",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = _ => [],
    };

    private readonly Option<string[]> _facet = new("--facet")
    {
        Description = "Count the hits by a tag, or by date with date:year, date:month or date:day (repeatable).",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
        DefaultValueFactory = _ => [],
    };

    public FacetOptions()
    {
        _filter.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                if (Split(token.Value) is null)
                    result.AddError($"--filter takes NAME=VALUE, such as places=usa, not '{token.Value}'.");
            }
        });
    }

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_filter);
        command.Options.Add(_facet);
    }

    /// <summary>The filters given, each name's values in the order given (the same value once).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filters(ParseResult parse)
    {
        var filters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string text in parse.GetValue(_filter) ?? [])
        {
            (string name, string value) = Split(text)!.Value;
            if (!filters.TryGetValue(name, out List<string>? values))
                filters[name] = values = [];
            if (!values.Contains(value, StringComparer.Ordinal))
                values.Add(value);
        }
        return filters.ToDictionary(pair => pair.Key, IReadOnlyList<string> (pair) => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>The facets asked for, in the order given.</summary>
    public IReadOnlyList<string> Facets(ParseResult parse) => parse.GetValue(_facet) ?? [];

    /// <summary>NAME and VALUE of <c>NAME=VALUE</c> (split at the first '=', both non-empty), or null.</summary>
    private static (string Name, string Value)? Split(string text)
    {
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && equals < text.Length - 1 ? (text[..equals], text[(equals + 1)..]) : null;
    }
}
