using Search;

// Commands (exit codes: 0 done, 3 IndexLockedException, 4 other SearchException, 2 usage):
//   hold PATH         open PATH for writing, print "ready", hold it until stdin closes
//   open PATH         open PATH for writing, upsert one document, commit, close
//   twice PATH        open PATH for writing, then again in this process: exit 6 if the second open succeeds; else print
//                     "second refused" and "ready", and hold the first until stdin closes
//   count PATH QUERY  open PATH read-only and print the number of hits for QUERY
//   queries           read base64 UTF-8 queries from stdin, one a line, and run each in both syntaxes against a small
//                     index; print "ok N" when all ran. Exit 5 on any failure other than QuerySyntaxException; a stack
//                     overflow kills the process, which the parent sees as a crash.
if (args is ["queries"])
    return await RunQueriesAsync();
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
                await index.UpsertAsync(new SeedDocument("from-child", "Written by the child process", "child"));
                await index.CommitAsync();
            }
            return 0;
        case "twice":
            using (SearchIndex.Open(args[1]))
            {
                try
                {
                    SearchIndex.Open(args[1]).Dispose();
                    return 6;
                }
                catch (IndexLockedException)
                {
                    Console.WriteLine("second refused");
                }
                Console.WriteLine("ready");
                Console.Out.Flush();
                Console.In.ReadToEnd();
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

static async Task<int> RunQueriesAsync()
{
    using SearchIndex index = SearchIndex.InMemory();
    await index.UpsertAsync(new SeedDocument("k", "Kabul falls", "The Taliban entered Kabul; a psychological war.", new DateOnly(2021, 8, 14)));
    await index.CommitAsync();
    int count = 0;
    while (Console.In.ReadLine() is { } line)
    {
        string query = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(line));
        try
        {
            index.Search(new SearchRequest(query));
        }
        catch (QuerySyntaxException)
        {
            // the one failure allowed in Lucene syntax
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Lucene syntax, query {count}: {e}");
            return 5;
        }
        try
        {
            index.Search(new SearchRequest(query) { Syntax = QuerySyntax.Simple });
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"simple syntax, query {count}: {e}");
            return 5;
        }
        count++;
    }
    Console.WriteLine($"ok {count}");
    return 0;
}
