using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>Walks the clauses of a parsed query.</summary>
internal static class QueryTree
{
    /// <summary>Every query below <paramref name="query"/> that is not a boolean or disjunction of others.</summary>
    public static IEnumerable<Query> Leaves(Query query) => Leaves(query, scoringOnly: false);

    /// <summary>The leaves that can score or mark a hit: those not under a negation.</summary>
    public static IEnumerable<Query> ScoringLeaves(Query query) => Leaves(query, scoringOnly: true);

    /// <summary>The leaves, without those under negations when <paramref name="scoringOnly"/>: they exclude hits, never score them.</summary>
    private static IEnumerable<Query> Leaves(Query query, bool scoringOnly)
    {
        var pending = new Stack<Query>();
        pending.Push(query);
        while (pending.Count > 0)
        {
            Query current = pending.Pop();
            switch (current)
            {
                case BooleanQuery boolean:
                    foreach (BooleanClause clause in boolean.Clauses)
                    {
                        if (!scoringOnly || clause.Occur != Occur.MUST_NOT)
                            pending.Push(clause.Query);
                    }
                    break;
                case DisjunctionMaxQuery disjunction:
                    foreach (Query disjunct in disjunction.Disjuncts)
                        pending.Push(disjunct);
                    break;
                default:
                    yield return current;
                    break;
            }
        }
    }

    /// <summary>Whether every hit of <paramref name="query"/> scores the same (prefix, wildcard and range terms rewrite to
    /// constant scores; match-all scores 1; negated clauses score nothing), so relevance order is id order.</summary>
    public static bool IsConstantScoring(Query query) =>
        Leaves(query, scoringOnly: true).All(leaf => leaf is MatchAllDocsQuery or ConstantScoreQuery || (leaf is MultiTermQuery and not FuzzyQuery));
}
