namespace Search;

/// <summary>The verdict of Lucene's <c>CheckIndex</c> on the last commit of an index (see <see cref="SearchIndex.Check"/>).</summary>
/// <remarks>Two reports are equal when every property is, <see cref="Problems"/> element by element.</remarks>
public sealed record IndexCheckReport
{
    /// <summary>No problem found: every segment opens and its postings, stored fields, norms and doc values verify.</summary>
    public required bool Healthy { get; init; }

    /// <summary>No verdict: another process committed so often while the check ran that no commit could be held still
    /// long enough to read (see <see cref="SearchIndex.Check"/>). <see cref="Healthy"/> is then <see langword="false"/>
    /// and <see cref="Problems"/> says so; nothing is known to be wrong, so check again rather than rebuild. Default
    /// <see langword="false"/>.</summary>
    public bool Inconclusive { get; init; }

    /// <summary>Segments in the commit.</summary>
    public required int Segments { get; init; }

    /// <summary>Live documents in the segments that could be read.</summary>
    public required long Documents { get; init; }

    /// <summary>What is wrong, one sentence per problem; empty when healthy.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>CheckIndex's own report, segment by segment.</summary>
    public required string Details { get; init; }

    /// <summary>Whether <paramref name="other"/> is the same verdict: every property equal, the list element by element.</summary>
    public bool Equals(IndexCheckReport? other) =>
        ReferenceEquals(this, other) || (other is not null
            && Healthy == other.Healthy && Inconclusive == other.Inconclusive && Segments == other.Segments
            && Documents == other.Documents && Details == other.Details && ListEquality.Equal(Problems, other.Problems));

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Healthy, Inconclusive, Segments, Documents, Details, ListEquality.Hash(Problems));
}
