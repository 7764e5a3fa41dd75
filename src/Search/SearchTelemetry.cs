using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Search;

/// <summary>
/// The names under which the library reports traces and metrics through <see cref="System.Diagnostics"/>, for
/// OpenTelemetry or any <see cref="ActivityListener"/> and <see cref="MeterListener"/>.
/// </summary>
/// <remarks>
/// <para><b>Spans</b> (activities), each with status <see cref="ActivityStatusCode.Error"/> and an <c>error.type</c> tag
/// (the exception's type) when it throws:</para>
/// <list type="bullet">
/// <item><c>search</c>: one <see cref="SearchIndex.Search"/>. Tags <c>search.syntax</c> (<c>lucene</c>, <c>simple</c>),
/// <c>search.sort</c> (<c>relevance</c>, <c>date_descending</c>, <c>date_ascending</c>), and when it returns
/// <c>search.total_hits</c> and <c>search.partial</c>. The query text is never a tag, nor a status description (a query
/// may be private): a <see cref="QuerySyntaxException"/>'s description says only that the query cannot be read.</item>
/// <item><c>sync</c>: one <see cref="SearchIndex.IndexDirectoryAsync(string, DirectorySyncOptions, CancellationToken)"/>.
/// Tag <c>search.sync.folder</c> (as given), and when it returns the counts of its <see cref="IndexReport"/>:
/// <c>search.sync.added</c>, <c>search.sync.updated</c>, <c>search.sync.unchanged</c>, <c>search.sync.deleted</c>,
/// <c>search.sync.failed</c>.</item>
/// <item><c>commit</c>: each commit: <see cref="SearchIndex.CommitAsync"/>, the first commit of a new index, and a
/// sync's paced and final commits (children of its <c>sync</c> span); not the last one, inside
/// <see cref="SearchIndex.Dispose"/>.</item>
/// <item><c>complete</c>: one <see cref="SearchIndex.Complete"/>. Tag <c>search.completions</c>, how many it returned
/// (never the text typed).</item>
/// </list>
/// <para><b>Instruments:</b></para>
/// <list type="bullet">
/// <item><c>search.duration</c> (histogram, <c>ms</c>): how long each search that returned took
/// (<see cref="SearchResults.Took"/>).</item>
/// <item><c>search.hits</c> (histogram, <c>{hit}</c>): each returned search's <see cref="SearchResults.TotalHits"/>.</item>
/// <item><c>search.documents.indexed</c> (counter, <c>{document}</c>): documents added or replaced, tag
/// <c>operation</c>: <c>upsert</c> (one per <see cref="SearchIndex.UpsertAsync"/>, before it is committed) or
/// <c>sync</c> (a sync's <see cref="IndexReport.Added"/> plus <see cref="IndexReport.Updated"/>, when it returns).</item>
/// <item><c>search.failures</c> (counter, <c>{failure}</c>): operations that threw, tags <c>operation</c>
/// (<c>search</c>, <c>complete</c>, <c>sync</c>, <c>commit</c>, <c>upsert</c>, <c>delete</c>) and <c>kind</c>:
/// <c>query</c> for a <see cref="QuerySyntaxException"/> (the user's query), <c>argument</c> for an
/// <see cref="ArgumentException"/> (a request value out of range, a cursor of another query), <c>error</c> for anything
/// else (a failed write, a missing folder). A cancelled operation (<see cref="OperationCanceledException"/>) is not
/// counted, nor an argument a method refuses before it starts (<see langword="null"/>, a bad document id). A failed
/// commit inside a sync counts for both.</item>
/// </list>
/// <para><b>Cost.</b> Nothing is built unless a listener is attached: a span is created only when a listener samples
/// the source, its tags only when it records them, and a measurement only when its instrument is enabled.</para>
/// </remarks>
public static class SearchTelemetry
{
    /// <summary>The name of the library's <see cref="ActivitySource"/>: pass it to OpenTelemetry's <c>AddSource</c>.</summary>
    public const string ActivitySourceName = "Search";

    /// <summary>The name of the library's <see cref="System.Diagnostics.Metrics.Meter"/>: pass it to OpenTelemetry's
    /// <c>AddMeter</c>.</summary>
    public const string MeterName = "Search";

    private static readonly string? _version =
        typeof(SearchTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    private static readonly ActivitySource _source = new(ActivitySourceName, _version);
    private static readonly Meter _meter = new(MeterName, _version);

    private static readonly Histogram<double> _searchDuration =
        _meter.CreateHistogram<double>("search.duration", "ms", "How long each search took, highlighting included.");

    private static readonly Histogram<long> _searchHits =
        _meter.CreateHistogram<long>("search.hits", "{hit}", "How many documents each search matched in all.");

    private static readonly Counter<long> _documentsIndexed =
        _meter.CreateCounter<long>("search.documents.indexed", "{document}", "Documents added or replaced, by upserts and folder syncs.");

    private static readonly Counter<long> _failures =
        _meter.CreateCounter<long>("search.failures", "{failure}", "Operations that threw, by operation and kind.");

    /// <summary>Starts a <c>search</c> span, or returns <see langword="null"/> when nobody listens.</summary>
    internal static Activity? StartSearch(SearchRequest request)
    {
        Activity? activity = _source.StartActivity("search");
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("search.syntax", request.Syntax == QuerySyntax.Simple ? "simple" : "lucene");
            activity.SetTag("search.sort", request.Sort switch
            {
                SearchSort.DateDescending => "date_descending",
                SearchSort.DateAscending => "date_ascending",
                _ => "relevance",
            });
        }
        return activity;
    }

    /// <summary>Records a search that returned <paramref name="results"/>, and hands them back.</summary>
    internal static SearchResults Searched(Activity? activity, SearchResults results)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("search.total_hits", results.TotalHits);
            activity.SetTag("search.partial", results.IsPartial);
        }
        if (_searchDuration.Enabled)
            _searchDuration.Record(results.Took.TotalMilliseconds);
        if (_searchHits.Enabled)
            _searchHits.Record(results.TotalHits);
        return results;
    }

    /// <summary>Starts a <c>sync</c> span of <paramref name="folder"/>, or returns <see langword="null"/>.</summary>
    internal static Activity? StartSync(string folder)
    {
        Activity? activity = _source.StartActivity("sync");
        if (activity is { IsAllDataRequested: true })
            activity.SetTag("search.sync.folder", folder);
        return activity;
    }

    /// <summary>Records a sync that returned <paramref name="report"/>.</summary>
    internal static void Synced(Activity? activity, IndexReport report)
    {
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("search.sync.added", report.Added);
            activity.SetTag("search.sync.updated", report.Updated);
            activity.SetTag("search.sync.unchanged", report.Unchanged);
            activity.SetTag("search.sync.deleted", report.Deleted);
            activity.SetTag("search.sync.failed", report.Failures.Count);
        }
        if (_documentsIndexed.Enabled)
            _documentsIndexed.Add(report.Added + report.Updated, new KeyValuePair<string, object?>("operation", "sync"));
    }

    /// <summary>Starts a <c>commit</c> span, or returns <see langword="null"/>.</summary>
    internal static Activity? StartCommit() => _source.StartActivity("commit");

    /// <summary>Starts a <c>complete</c> span, or returns <see langword="null"/>.</summary>
    internal static Activity? StartComplete() => _source.StartActivity("complete");

    /// <summary>Records a completion that returned <paramref name="completions"/>, and hands them back.</summary>
    internal static IReadOnlyList<Completion> Completed(Activity? activity, IReadOnlyList<Completion> completions)
    {
        if (activity is { IsAllDataRequested: true })
            activity.SetTag("search.completions", completions.Count);
        return completions;
    }

    /// <summary>Records one upserted document.</summary>
    internal static void Upserted()
    {
        if (_documentsIndexed.Enabled)
            _documentsIndexed.Add(1, new KeyValuePair<string, object?>("operation", "upsert"));
    }

    /// <summary>Records that <paramref name="operation"/> threw <paramref name="exception"/>, on its span if it has one.
    /// Returns <see langword="false"/>, for an exception filter that records without catching.</summary>
    internal static bool Failed(Activity? activity, string operation, Exception exception)
    {
        if (activity is not null)
        {
            // A syntax error's message quotes the query, which may be private.
            activity.SetStatus(ActivityStatusCode.Error,
                exception is QuerySyntaxException ? "The query cannot be read." : exception.Message);
            if (activity.IsAllDataRequested)
                activity.SetTag("error.type", exception.GetType().FullName);
        }
        if (_failures.Enabled && exception is not OperationCanceledException)
        {
            string kind = exception switch
            {
                QuerySyntaxException => "query",
                ArgumentException => "argument",
                _ => "error",
            };
            _failures.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("kind", kind));
        }
        return false;
    }
}
