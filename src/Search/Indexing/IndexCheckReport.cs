namespace Search.Indexing;

/// <summary>The verdict of Lucene's <c>CheckIndex</c> on the last commit of an index (see <see cref="SearchIndex.Check"/>).</summary>
public sealed record IndexCheckReport
{
    /// <summary>No problem found: every segment opens and its postings, stored fields, norms and doc values verify.</summary>
    public required bool Healthy { get; init; }

    /// <summary>Segments in the commit.</summary>
    public required int Segments { get; init; }

    /// <summary>Live documents in the segments that could be read.</summary>
    public required long Documents { get; init; }

    /// <summary>What is wrong, one sentence per problem; empty when healthy.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>CheckIndex's own report, segment by segment.</summary>
    public string Details { get; init; } = "";
}
