using System.CommandLine;

namespace Search.Cli.Commands;

/// <summary><c>search query "QUERY"</c>: ranked, highlighted hits, for a person or as JSON.</summary>
internal static class QueryCommand
{
    public static Command Create(CliHost host)
    {
        var query = new Argument<string>("QUERY") { Description = "The query, in Lucene syntax unless --syntax simple." };
        var results = new ResultOptions();
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
            query, syntax, typos,
        };
        results.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            SearchRequest request = results.Apply(parse, new SearchRequest(parse.GetValue(query) ?? string.Empty)
            {
                Syntax = parse.GetValue(syntax) == "simple" ? QuerySyntax.Simple : QuerySyntax.Lucene,
                Typos = parse.GetValue(typos) == "off" ? TypoTolerance.Off : TypoTolerance.Auto,
            });
            return RunAsync(host, parse, results, request, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, ParseResult parse, ResultOptions options, SearchRequest request, CancellationToken cancellationToken)
    {
        bool verbose = parse.GetValue(CommonOptions.Verbose);
        await using CommandIndex index = await CommandIndex.OpenAsync(host, parse.GetValue(options.Cluster), parse.GetValue(options.Index), verbose,
            path => IndexOpener.OpenForQueryAsync(path, host, verbose, cancellationToken), cancellationToken).ConfigureAwait(false);
        SearchResults results = await ResultOptions.SearchAsync(host, index, request, similar: false, cancellationToken).ConfigureAwait(false);
        options.Write(host, parse, request, results, request.Query, similar: false);
        return ExitCodes.Success;
    }
}
