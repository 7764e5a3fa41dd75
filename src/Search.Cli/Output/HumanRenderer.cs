using System.Globalization;

namespace Search.Cli.Output;

/// <summary>Everything the CLI prints for a person. Single-line fields (ids, titles, paths, the query) go through
/// <see cref="TerminalText.Line"/> here, since only the renderer knows where a line must not break; the
/// <see cref="TerminalWriter"/> underneath sanitises the rest.</summary>
internal static class HumanRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteIndexReport(TextWriter output, string folder, IndexReport report)
    {
        output.WriteLine($"Indexed {TerminalText.Line(folder)}: {Summary(report.Added, report.Updated, report.Unchanged, report.Deleted, report.Failures.Count, report.BytesIndexed, report.Elapsed)}");
        foreach (IndexFailure failure in report.Failures)
            output.WriteLine($"  skipped {TerminalText.Line(failure.Message)}");
    }

    /// <summary>The sum of several folders' reports, after their own lines.</summary>
    public static void WriteIndexTotal(TextWriter output, IReadOnlyList<IndexReport> reports) =>
        output.WriteLine(string.Create(Invariant, $"Total of {reports.Count} folders: ") + Summary(
            reports.Sum(r => r.Added), reports.Sum(r => r.Updated), reports.Sum(r => r.Unchanged), reports.Sum(r => r.Deleted),
            reports.Sum(r => r.Failures.Count), reports.Sum(r => r.BytesIndexed), TimeSpan.FromTicks(reports.Sum(r => r.Elapsed.Ticks))));

    // Rates count the documents written (added or updated): unchanged files cost a hash, not indexing.
    private static string Summary(int added, int updated, int unchanged, int deleted, int failed, long bytesIndexed, TimeSpan elapsed)
    {
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-6);
        return string.Create(Invariant,
            $"{added:N0} added, {updated:N0} updated, {unchanged:N0} unchanged, {deleted:N0} deleted, {failed:N0} failed in {seconds:0.00} s " +
            $"({(added + updated) / seconds:N0} docs/s, {bytesIndexed / 1e6 / seconds:0.00} MB/s)");
    }

    /// <summary>The hits, then the facets asked for.</summary>
    public static void WriteResults(TextWriter output, SearchResults results, QueryView view)
    {
        WriteHits(output, results, view);
        FacetRenderer.Write(output, results.Facets);
    }

    private static void WriteHits(TextWriter output, SearchResults results, QueryView view)
    {
        if (results.Suggestion is { } suggestion)
            output.WriteLine($"Did you mean {Quote(suggestion)}?");
        if (results.Hits.Count == 0 && results.Suggestion is not null && results.TotalHits == 0 && results.DroppedStopWords.Count == 0)
        {
            // The suggestion says what to search instead of a bare "No hits".
            WritePartial(output, results, view);
            return;
        }
        if (results.Hits.Count == 0)
        {
            output.WriteLine(results.DroppedStopWords.Count > 0 ? TooCommon(results.DroppedStopWords)
                : results.TotalHits == 0 ? (view.Similar ? $"No documents like {Quote(view.Query)}." : $"No hits for {Quote(view.Query)}.")
                : view.Limit == 0 ? string.Create(Invariant, $"{results.TotalHits:N0} {Hits(results.TotalHits)} (none shown: --limit 0).")
                : string.Create(Invariant, $"No more hits: all {results.TotalHits:N0} were on earlier pages."));
            WritePartial(output, results, view);
            return;
        }

        for (int i = 0; i < results.Hits.Count; i++)
        {
            SearchHit hit = results.Hits[i];
            string rank = view.FirstRank is int first ? string.Create(Invariant, $"{first + i}.") : "-";
            string date = hit.Date?.ToString("yyyy-MM-dd", Invariant) ?? "(no date)";
            output.Write($"{rank} {date}  ");
            if (hit.HighlightedTitle is { } title)
                TerminalText.WriteHighlighted(output, title, view.Color);
            else
                output.Write(TerminalText.Line(hit.Title));
            output.Write("  ");
            TerminalWriter.WriteStyled(output, $"[{TerminalText.Line(hit.Id)}]", TerminalStyle.Faint, view.Color);
            output.WriteLine();
            foreach (string snippet in hit.Snippets)
            {
                output.Write("     ");
                TerminalText.WriteHighlighted(output, snippet, view.Color);
                output.WriteLine();
            }
            output.WriteLine();
        }

        string range = view.FirstRank switch
        {
            1 when results.Hits.Count == results.TotalHits => string.Create(Invariant, $"{results.TotalHits:N0} {Hits(results.TotalHits)}"),
            int start => string.Create(Invariant, $"Hits {start:N0}-{start + results.Hits.Count - 1:N0} of {results.TotalHits:N0}"),
            null => string.Create(Invariant, $"{results.Hits.Count:N0} more of {results.TotalHits:N0} hits"),
        };
        TerminalWriter.WriteStyled(output, string.Create(Invariant, $"{range} in {results.Took.TotalMilliseconds:0.#} ms."), TerminalStyle.Faint, view.Color);
        output.WriteLine();
        if (results.Next is not null)
        {
            TerminalWriter.WriteStyled(output, NextPage(TerminalText.Line(results.Next), view), TerminalStyle.Faint, view.Color);
            output.WriteLine();
        }
        WritePartial(output, results, view);
    }

    private static void WritePartial(TextWriter output, SearchResults results, QueryView view)
    {
        if (!results.IsPartial)
            return;
        TerminalWriter.WriteStyled(output, "Partial: --timeout ran out, so better hits or some snippets may be missing.", TerminalStyle.Faint, view.Color);
        output.WriteLine();
    }

    /// <summary>How to ask for the next page, in the paging style the user chose: the next --offset while it stays
    /// within the result window, else the cursor.</summary>
    private static string NextPage(string cursor, QueryView view)
    {
        long nextOffset = (long)view.Offset + view.Limit;
        if (view.ByCursor)
            return $"Next page: --after {cursor} (in place of the current --after)";
        if (nextOffset + view.Limit <= Commands.ResultOptions.MaxResultWindow)
            return string.Create(Invariant, $"Next page: --offset {nextOffset} (or --after {cursor}{(view.Offset > 0 ? " without --offset" : string.Empty)})");
        return $"Next page: --after {cursor}{(view.Offset > 0 ? " (without --offset)" : string.Empty)}";
    }

    private static string Hits(long count) => count == 1 ? "hit" : "hits";

    /// <summary>Why a query of stop words found nothing: <c>No hits: "what" and "is" are too common to be indexed; …</c>.</summary>
    private static string TooCommon(IReadOnlyList<string> words)
    {
        string[] quoted = [.. words.Select(Quote)];
        string list = quoted.Length == 1 ? quoted[0] : $"{string.Join(", ", quoted[..^1])} and {quoted[^1]}";
        return $"No hits: {list} {(quoted.Length == 1 ? "is" : "are")} too common to be indexed; search for other words.";
    }

    /// <summary>One completion a line, the counts lined up after the longest: <c>oil prices  (1,234 documents)</c>.</summary>
    public static void WriteCompletions(TextWriter output, string text, IReadOnlyList<Completion> completions, bool color)
    {
        if (completions.Count == 0)
        {
            output.WriteLine($"No completions for {Quote(text)}.");
            return;
        }
        string[] queries = [.. completions.Select(c => TerminalText.Line(c.Query))];
        // Lined up by terminal columns, so wide characters do not shift the counts.
        int[] widths = [.. queries.Select(q => TerminalText.Width(q))];
        int width = widths.Max();
        for (int i = 0; i < completions.Count; i++)
        {
            long documents = completions[i].Documents;
            output.Write(queries[i]);
            output.Write(new string(' ', width - widths[i] + 2));
            TerminalWriter.WriteStyled(output, string.Create(Invariant, $"({documents:N0} {(documents == 1 ? "document" : "documents")})"), TerminalStyle.Faint, color);
            output.WriteLine();
        }
    }

    public static void WriteDocument(TextWriter output, SeedDocument document)
    {
        output.WriteLine(TerminalText.Line(document.Title));
        output.WriteLine($"{document.Date?.ToString("yyyy-MM-dd", Invariant) ?? "(no date)"}  [{TerminalText.Line(document.Id)}]");
        foreach ((string name, IReadOnlyList<string> values) in document.Tags)
            output.WriteLine($"{name}: {TerminalText.Line(string.Join(", ", values))}");
        output.WriteLine();
        output.WriteLine(TerminalText.Block(document.Body));
    }

    public static void WriteStats(TextWriter output, string indexPath, IndexStats stats)
    {
        string dates = stats.DateFrom is DateOnly from && stats.DateTo is DateOnly to
            ? $"{from.ToString("yyyy-MM-dd", Invariant)} to {to.ToString("yyyy-MM-dd", Invariant)}"
            : "(none)";
        output.WriteLine($"Index      {TerminalText.Line(indexPath)}");
        output.WriteLine(string.Create(Invariant, $"Documents  {stats.Documents:N0}"));
        output.WriteLine($"Dates      {dates}");
        output.WriteLine(string.Create(Invariant, $"Size       {stats.SizeBytes / 1e6:0.00} MB ({stats.SizeBytes:N0} bytes)"));
        output.WriteLine(string.Create(Invariant, $"Segments   {stats.Segments}"));
        int width = stats.Tags.Count == 0 ? 0 : stats.Tags.Max(tag => tag.Name.Length);
        for (int i = 0; i < stats.Tags.Count; i++)
        {
            TagCount tag = stats.Tags[i];
            output.WriteLine(string.Create(Invariant,
                $"{(i == 0 ? "Tags" : string.Empty),-10} {tag.Name.PadRight(width)}  {tag.Documents:N0} {(tag.Documents == 1 ? "document" : "documents")}"));
        }
        foreach (string folder in stats.UnfinishedSyncs)
            output.WriteLine($"Unfinished {UnfinishedSync(folder)}");
    }

    /// <summary>Why an index holds only part of a folder, and what finishes the job.</summary>
    public static string UnfinishedSync(string folder) =>
        $"the last indexing of {TerminalText.Line(folder)} stopped half-way, after committing part of it; " +
        $"run 'search index \"{TerminalText.Line(folder)}\"' (with the same --index) to finish it.";

    public static void WriteCheck(TextWriter output, string indexPath, IndexCheckReport report, bool details)
    {
        output.WriteLine(report.Healthy
            ? string.Create(Invariant, $"Healthy: {TerminalText.Line(indexPath)} ({report.Documents:N0} {(report.Documents == 1 ? "document" : "documents")} in {report.Segments} {(report.Segments == 1 ? "segment" : "segments")}).")
            : report.Inconclusive ? $"Could not check {TerminalText.Line(indexPath)}:" : $"Problems in {TerminalText.Line(indexPath)}:");
        foreach (string problem in report.Problems)
            output.WriteLine($"  {TerminalText.Line(problem)}");
        if (!report.Healthy && !report.Inconclusive)
            output.WriteLine("Rebuild it from its documents with: search index FOLDER --rebuild");
        if (details)
            output.WriteLine(report.Details);
    }

    public static void WriteEvaluation(TextWriter output, Evaluation.EvaluationReport report)
    {
        output.WriteLine(string.Create(Invariant, $"Queries      {report.Queries}"));
        output.WriteLine(string.Create(Invariant, $"MAP          {report.Map:0.0000}"));
        output.WriteLine(string.Create(Invariant, $"nDCG@10      {report.NdcgAt10:0.0000}"));
        output.WriteLine(string.Create(Invariant, $"P@10         {report.PrecisionAt10:0.0000}"));
        output.WriteLine(string.Create(Invariant, $"Recall@100   {report.RecallAt100:0.0000}"));
        output.WriteLine(string.Create(Invariant, $"Recall@1000  {report.RecallAt1000:0.0000}"));
        if (report.QueriesWithoutRelevant.Count > 0)
        {
            output.WriteLine(string.Create(Invariant,
                $"Not evaluated (no relevant document judged): {report.QueriesWithoutRelevant.Count} queries: {string.Join(", ", report.QueriesWithoutRelevant.Select(TerminalText.Line))}"));
        }
    }

    private static string Quote(string query) => $"\"{TerminalText.Line(query)}\"";
}

/// <summary>How to show one page of results.</summary>
/// <param name="Query">The query as typed, or the id <c>search similar</c> was given.</param>
/// <param name="Offset">The --offset of the page.</param>
/// <param name="Limit">The --limit of the page.</param>
/// <param name="ByCursor">Whether the page was asked for with --after (ranks are then unknown).</param>
/// <param name="Color">Whether to use colour.</param>
internal sealed record QueryView(string Query, int Offset, int Limit, bool ByCursor, bool Color)
{
    /// <summary>Whether the page lists documents like the one whose id is <see cref="Query"/> (<c>search similar</c>).</summary>
    public bool Similar { get; init; }

    /// <summary>The rank of the first hit on the page, or null when paging by cursor.</summary>
    public int? FirstRank => ByCursor ? null : Offset + 1;
}
