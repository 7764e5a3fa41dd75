using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Search.Cli.Output;

namespace Search.Cli.Commands;

/// <summary><c>search query "QUERY"</c>: ranked, highlighted hits, for a person or as JSON.</summary>
internal static class QueryCommand
{
    public static Command Create(CliHost host)
    {
        var query = new Argument<string>("QUERY") { Description = "The query, in Lucene syntax unless --syntax simple." };
        Option<string?> index = CommonOptions.Index();
        var limit = CommonOptions.Number("--limit", "Hits per page.", 10, 0, MaxResultWindow, "-n");
        var offset = CommonOptions.Number("--offset", "Hits to skip (shallow pages; go deeper with --after).", 0, 0, MaxResultWindow);
        var after = new Option<string?>("--after") { Description = "Continue after this cursor (printed as 'Next page').", HelpName = "CURSOR" };
        var from = DateOption("--from", "Only documents dated on or after this day.");
        var to = DateOption("--to", "Only documents dated on or before this day.");
        var sort = new Option<string>("--sort")
        {
            Description = "relevance, date (newest first) or -date (oldest first).",
            DefaultValueFactory = _ => "relevance",
        };
        sort.AcceptOnlyFromAmong("relevance", "date", "-date");
        var syntax = new Option<string>("--syntax")
        {
            Description = "lucene (AND/OR/NOT, \"phrases\", prefix*, title:, date:[...]) or simple (never fails; for untrusted input).",
            DefaultValueFactory = _ => "lucene",
        };
        syntax.AcceptOnlyFromAmong("lucene", "simple");
        var typos = new Option<string>("--typos")
        {
            Description = "auto (with --syntax simple, a rare word of 5+ letters also finds words an edit or two away) or off.",
            DefaultValueFactory = _ => "auto",
        };
        typos.AcceptOnlyFromAmong("auto", "off");
        var fragments = CommonOptions.Number("--fragments", "Snippets per hit.", 3, 0, HighlightOptions.MaxFragments);
        var fragmentSize = CommonOptions.Number("--fragment-size", "Longest snippet, in characters.", 160,
            HighlightOptions.MinFragmentSize, HighlightOptions.MaxFragmentSize);
        Option<TimeSpan?> timeout = TimeoutOption();
        Option<bool> json = CommonOptions.Json();
        var facets = new FacetOptions();

        var command = new Command("query", """
            Search the index. If there is no index yet, the seeds folder here is indexed first.

            Examples:
              search query "Kabul"
              search query "taliban AND \"united states\"" --from 2021-08-01 --sort date
              search query "title:ghani" --json
              search query "what happened in kabul" --syntax simple --limit 5
              search query "*" --facet topics --facet date:month
              search query wheat --filter places=usa --facet topics
            """)
        {
            query, index, limit, offset, after, from, to, sort, syntax, typos, fragments, fragmentSize, timeout, json,
        };
        facets.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            if (parse.GetValue(offset) > 0 && parse.GetValue(after) is not null)
                throw new UsageException("Use either --offset or --after, not both.");
            if ((long)parse.GetValue(offset) + parse.GetValue(limit) > MaxResultWindow)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--offset {parse.GetValue(offset):N0} with --limit {parse.GetValue(limit):N0} reaches past hit {MaxResultWindow:N0}, the deepest --offset goes; page further with --after and the 'Next page' cursor."));
            }
            if (parse.GetValue(from) is DateOnly fromDate && parse.GetValue(to) is DateOnly toDate && fromDate > toDate)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--from {fromDate:yyyy-MM-dd} is after --to {toDate:yyyy-MM-dd}: no day can be in that range."));
            }
            bool asJson = parse.GetValue(json);
            var request = new SearchRequest(parse.GetValue(query) ?? string.Empty)
            {
                Size = parse.GetValue(limit),
                Offset = parse.GetValue(offset),
                After = parse.GetValue(after),
                DateFrom = parse.GetValue(from),
                DateTo = parse.GetValue(to),
                Sort = parse.GetValue(sort) switch { "date" => SearchSort.DateDescending, "-date" => SearchSort.DateAscending, _ => SearchSort.Relevance },
                Syntax = parse.GetValue(syntax) == "simple" ? QuerySyntax.Simple : QuerySyntax.Lucene,
                Typos = parse.GetValue(typos) == "off" ? TypoTolerance.Off : TypoTolerance.Auto,
                Timeout = parse.GetValue(timeout),
                Filters = facets.Filters(parse),
                Facets = facets.Facets(parse),
                Highlight = new HighlightOptions
                {
                    Fragments = parse.GetValue(fragments),
                    FragmentSize = parse.GetValue(fragmentSize),
                    // JSON keeps these HTML-safe <mark> snippets; the terminal decodes them, since only the library's tags are markup.
                    PreTag = TerminalText.MarkStart,
                    PostTag = TerminalText.MarkEnd,
                    Encode = true,
                },
            };
            return RunAsync(host, request, host.IndexPath(parse.GetValue(index)), asJson, parse.GetValue(CommonOptions.Verbose), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, SearchRequest request, string indexPath, bool json, bool verbose, CancellationToken cancellationToken)
    {
        using SearchIndex index = await IndexOpener.OpenForQueryAsync(indexPath, host, verbose, cancellationToken).ConfigureAwait(false);
        SearchResults results;
        try
        {
            results = index.Search(request);
        }
        catch (ArgumentException e) when (request.After is not null && e.ParamName == nameof(SearchRequest.After))
        {
            throw new UsageException("--after takes the cursor printed under 'Next page' by the same query with the same --sort; " +
                                     $"'{request.After}' is not one ({ErrorReporter.Describe(e)})", e);
        }
        foreach (string unfinished in index.UnfinishedSyncs)
            host.Error.WriteLine($"Note: {HumanRenderer.UnfinishedSync(unfinished)}");
        if (json)
            JsonRenderer.WriteResults(host.Out, request.Query, results);
        else
            HumanRenderer.WriteResults(host.Out, results, new QueryView(request.Query, request.Offset, request.Size, request.After is not null, host.OutIsTerminal));
        return ExitCodes.Success;
    }

    /// <summary>How deep <c>--offset</c> and <c>--limit</c> may reach: the library's default result window.</summary>
    public static int MaxResultWindow { get; } = new SearchIndexOptions().MaxResultWindow;

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
