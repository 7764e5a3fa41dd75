using System.CommandLine;

namespace Search.Cli.Commands;

/// <summary><c>search similar ID</c>: the documents most like one, ranked and highlighted as <c>search query</c> shows
/// hits.</summary>
internal static class SimilarCommand
{
    public static Command Create(CliHost host)
    {
        var id = new Argument<string>("ID") { Description = "The id of the document to find documents like (as 'search get' takes it)." };
        var results = new ResultOptions();
        var command = new Command("similar", """
            List the documents most like one ("more like this"): those sharing most of its distinctive title and body
            words, best first, without the document itself. Shown as 'search query' shows hits, with the shared words
            highlighted; in --json, "query" is the id.

            Examples:
              search similar reut-5
              search similar reut-5 --from 1987-03-01 --to 1987-03-31 --sort date
              search similar reut-5 --limit 5 --fragments 1 --json
            """)
        {
            id,
        };
        results.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            string wanted = parse.GetValue(id) ?? string.Empty;
            SearchRequest request = results.Apply(parse, new SearchRequest(string.Empty) { SimilarTo = wanted });
            bool verbose = parse.GetValue(CommonOptions.Verbose);
            await using CommandIndex index = await CommandIndex.OpenAsync(host, parse.GetValue(results.Cluster), parse.GetValue(results.Index), verbose,
                path => Task.FromResult(IndexOpener.OpenForReading(path, host, verbose)), cancellationToken).ConfigureAwait(false);
            SearchResults found = await ResultOptions.SearchAsync(host, index, request, similar: true, cancellationToken).ConfigureAwait(false);
            // No hits can also mean that the document has no like; only an unknown id is an error.
            if (found.TotalHits == 0 && !found.IsPartial && await index.GetAsync(wanted, cancellationToken).ConfigureAwait(false) is null)
                throw GetCommand.NoSuchDocument(wanted, index.Location);
            results.Write(host, parse, request, found, wanted, similar: true);
            return ExitCodes.Success;
        });
        return command;
    }
}
