using System.CommandLine;
using System.Globalization;
using Search.Cli.Output;

namespace Search.Cli.Commands;

/// <summary>What <c>search query</c> and <c>search similar</c> share: the options that choose, order, page and show hits,
/// and the one way both run a request and print its results.</summary>
internal sealed class ResultOptions
{
    public Option<string?> Index { get; } = CommonOptions.Index();

    public Option<string?> Cluster { get; } = Search.Cli.Cluster.ClusterConnection.Option();

    public Option<int> Limit { get; } = CommonOptions.Number("--limit", "Hits per page.", 10, 0, MaxResultWindow, "-n");

    public Option<int> Offset { get; } = CommonOptions.Number("--offset", "Hits to skip (shallow pages; go deeper with --after).", 0, 0, MaxResultWindow);

    public Option<string?> After { get; } = new("--after") { Description = "Continue after this cursor (printed as 'Next page').", HelpName = "CURSOR" };

    public Option<DateOnly?> From { get; } = DateOption("--from", "Only documents dated on or after this day.");

    public Option<DateOnly?> To { get; } = DateOption("--to", "Only documents dated on or before this day.");

    public Option<string> Sort { get; } = SortOption();

    public Option<int> Fragments { get; } = CommonOptions.Number("--fragments", "Snippets per hit.", 3, 0, HighlightOptions.MaxFragments);

    public Option<int> FragmentSize { get; } = CommonOptions.Number("--fragment-size", "Longest snippet, in characters.", 160,
        HighlightOptions.MinFragmentSize, HighlightOptions.MaxFragmentSize);

    public Option<TimeSpan?> Timeout { get; } = TimeoutOption();

    public Option<bool> Json { get; } = CommonOptions.Json();

    /// <summary>--filter and --facet.</summary>
    public FacetOptions Facets { get; } = new();

    /// <summary>How deep <c>--offset</c> and <c>--limit</c> may reach: the library's default result window.</summary>
    public static int MaxResultWindow { get; } = new SearchIndexOptions().MaxResultWindow;

    /// <summary>Adds these options to <paramref name="command"/>, in the order its help lists them.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[Index, Cluster, Limit, Offset, After, From, To, Sort, Fragments, FragmentSize, Timeout, Json])
            command.Options.Add(option);
        Facets.AddTo(command);
    }

    /// <summary><paramref name="request"/> with the paging, dates, sort, time budget and highlighting the command line asks
    /// for.</summary>
    /// <exception cref="UsageException">The options ask for something impossible (both --offset and --after, a page past the
    /// result window, --from after --to).</exception>
    public SearchRequest Apply(ParseResult parse, SearchRequest request)
    {
        if (parse.GetValue(Offset) > 0 && parse.GetValue(After) is not null)
            throw new UsageException("Use either --offset or --after, not both.");
        if ((long)parse.GetValue(Offset) + parse.GetValue(Limit) > MaxResultWindow)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--offset {parse.GetValue(Offset):N0} with --limit {parse.GetValue(Limit):N0} reaches past hit {MaxResultWindow:N0}, the deepest --offset goes; page further with --after and the 'Next page' cursor."));
        }
        if (parse.GetValue(From) is DateOnly fromDate && parse.GetValue(To) is DateOnly toDate && fromDate > toDate)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--from {fromDate:yyyy-MM-dd} is after --to {toDate:yyyy-MM-dd}: no day can be in that range."));
        }
        return request with
        {
            Size = parse.GetValue(Limit),
            Offset = parse.GetValue(Offset),
            After = parse.GetValue(After),
            DateFrom = parse.GetValue(From),
            DateTo = parse.GetValue(To),
            Sort = parse.GetValue(Sort) switch { "date" => SearchSort.DateDescending, "-date" => SearchSort.DateAscending, _ => SearchSort.Relevance },
            Timeout = parse.GetValue(Timeout),
            Filters = Facets.Filters(parse),
            Facets = Facets.Facets(parse),
            Highlight = new HighlightOptions
            {
                Fragments = parse.GetValue(Fragments),
                FragmentSize = parse.GetValue(FragmentSize),
                // JSON keeps these HTML-safe <mark> snippets; the terminal decodes them, since only the library's tags are markup.
                PreTag = TerminalText.MarkStart,
                PostTag = TerminalText.MarkEnd,
                Encode = true,
            },
        };
    }

    /// <summary>Runs <paramref name="request"/> on <paramref name="index"/>, with a note on stderr for each folder whose last
    /// sync stopped half-way.</summary>
    /// <exception cref="UsageException">--after is not a cursor of this command.</exception>
    public static async Task<SearchResults> SearchAsync(CliHost host, CommandIndex index, SearchRequest request, bool similar, CancellationToken cancellationToken)
    {
        SearchResults results;
        try
        {
            results = await index.SearchAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e) when (request.After is not null && e.ParamName == nameof(SearchRequest.After))
        {
            throw new UsageException($"--after takes the cursor printed under 'Next page' by the same {(similar ? "command" : "query")} with the same --sort; " +
                                     $"'{request.After}' is not one ({ErrorReporter.Describe(e)})", e);
        }
        foreach (string unfinished in await index.UnfinishedSyncsAsync(cancellationToken).ConfigureAwait(false))
            host.Error.WriteLine($"Note: {HumanRenderer.UnfinishedSync(unfinished)}");
        return results;
    }

    /// <summary>Writes <paramref name="results"/> as the command line asks: JSON with <paramref name="shownQuery"/> as its
    /// <c>query</c>, or for a person.</summary>
    public void Write(CliHost host, ParseResult parse, SearchRequest request, SearchResults results, string shownQuery, bool similar)
    {
        if (parse.GetValue(Json))
            JsonRenderer.WriteResults(host.Out, shownQuery, results);
        else
            HumanRenderer.WriteResults(host.Out, results, new QueryView(shownQuery, request.Offset, request.Size, request.After is not null, host.OutIsTerminal) { Similar = similar });
    }

    /// <summary>A positive duration written as milliseconds (<c>500</c>, <c>500ms</c>) or seconds (<c>2s</c>, <c>1.5s</c>),
    /// or null when <paramref name="text"/> is not one.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        (string number, double unitMilliseconds) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1.0)
            : text.EndsWith('s') ? (text[..^1], 1000.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            return null;
        double milliseconds = value * unitMilliseconds;
        // Under a millisecond is below what the clock checks can honour; past a day is surely a typo.
        return milliseconds is >= 1 and <= 86_400_000 ? TimeSpan.FromMilliseconds(milliseconds) : null;
    }

    private static Option<string> SortOption()
    {
        var sort = new Option<string>("--sort")
        {
            Description = "relevance, date (newest first) or -date (oldest first).",
            DefaultValueFactory = _ => "relevance",
        };
        sort.AcceptOnlyFromAmong("relevance", "date", "-date");
        return sort;
    }

    private static Option<TimeSpan?> TimeoutOption() => new("--timeout")
    {
        Description = "Time budget for finding and highlighting hits: 500 (milliseconds), 500ms or 2s. When it runs out, "
                      + "the hits found and highlighted so far are shown and marked partial.",
        HelpName = "DURATION",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (ParseDuration(text) is TimeSpan duration)
                return duration;
            result.AddError($"--timeout takes a duration above zero such as 500 (milliseconds), 500ms or 2s, not '{text}'.");
            return null;
        },
    };

    private static Option<DateOnly?> DateOption(string name, string description) => new(name)
    {
        Description = description + " Format YYYY-MM-DD.",
        HelpName = "DATE",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
                return date;
            result.AddError($"{name} takes a date as YYYY-MM-DD, not '{text}'.");
            return null;
        },
    };
}
