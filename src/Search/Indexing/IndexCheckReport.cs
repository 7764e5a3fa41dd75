namespace Search;

/// <summary>The verdict of Lucene's <c>CheckIndex</c> on the last commit of an index (see <see cref="SearchIndex.Check"/>).</summary>
public sealed record IndexCheckReport
{
    /// <summary>No problem found: every segment opens and its postings, stored fields, norms and doc values verify.</summary>
    public required bool Healthy { get; init; }

    /// <summary>No verdict: another process committed so often while the check ran that no commit could be held still
    /// long enough to read (see <see cref="SearchIndex.Check"/>). <see cref="Healthy"/> is then <see langword="false"/>
    /// and <see cref="Problems"/> says so; nothing is known to be wrong, so check again rather than rebuild.</summary>
    public bool Inconclusive { get; init; }

    /// <summary>Segments in the commit.</summary>
    public required int Segments { get; init; }

    /// <summary>Live documents in the segments that could be read.</summary>
    public required long Documents { get; init; }

    /// <summary>What is wrong, one sentence per problem; empty when healthy.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>CheckIndex's own report, segment by segment.</summary>
    public string Details { get; init; } = "";
}
