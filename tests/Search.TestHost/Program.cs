using Search;
using Search.Querying;

// Commands (exit codes: 0 done, 3 IndexLockedException, 4 other SearchException, 2 usage):
//   hold PATH         open PATH for writing, print "ready", hold it until stdin closes
//   open PATH         open PATH for writing, upsert one document, commit, close
//   count PATH QUERY  open PATH read-only and print the number of hits for QUERY
if (args.Length < 2)
    return 2;
try
{
    switch (args[0])
    {
        case "hold":
            using (SearchIndex.Open(args[1]))
            {
                Console.WriteLine("ready");
                Console.Out.Flush();
                Console.In.ReadToEnd();
            }
            return 0;
        case "open":
            using (SearchIndex index = SearchIndex.Open(args[1]))
            {
                await index.UpsertAsync(new Search.Documents.SeedDocument("from-child", "Written by the child process", "child"));
                await index.CommitAsync();
            }
            return 0;
        case "count" when args.Length == 3:
            using (SearchIndex index = SearchIndex.Open(args[1], new SearchIndexOptions { ReadOnly = true }))
                Console.WriteLine(index.Search(new SearchRequest(args[2]) { Highlight = null }).TotalHits);
            return 0;
        default:
            return 2;
    }
}
catch (IndexLockedException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
catch (SearchException e)
{
    Console.Error.WriteLine(e.Message);
    return 4;
}
