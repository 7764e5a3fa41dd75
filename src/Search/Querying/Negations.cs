using Lucene.Net.Search;

namespace Search.Querying;

/// <summary>
/// Gives negations the meaning people expect, in both syntaxes and at every level, as Elasticsearch does: a group of
/// only negations (<c>-rust</c>, <c>NOT rust AND NOT python</c>, the <c>(-rust)</c> of <c>kabul AND (-rust)</c>) matches
/// every document except those, as if it began with <c>*:*</c>, where Lucene alone would match nothing. The match-all
/// clause it gains scores 1, like <c>*</c>, so every hit of a query of only negations scores the same.
/// </summary>
internal static class Negations
{
    /// <summary>Adds a match-all clause to each group of <paramref name="query"/> that holds only negations; changes
    /// parsed queries in place, and returns the query to run.</summary>
    public static Query Complete(Query query)
    {
        if (query is not BooleanQuery group)
            return query;
        bool onlyNegations = group.Clauses.Count > 0;
        foreach (BooleanClause clause in group.Clauses)
        {
            clause.Query = Complete(clause.Query);
            onlyNegations &= clause.Occur == Occur.MUST_NOT;
        }
        if (!onlyNegations)
            return group;
        if (group.Clauses.Count < BooleanQuery.MaxClauseCount)
        {
            group.Add(new MatchAllDocsQuery(), Occur.MUST);
            return group;
        }
        // A group already at Lucene's clause ceiling cannot take one more: exclude its negations together instead.
        foreach (BooleanClause clause in group.Clauses)
            clause.Occur = Occur.SHOULD;
        var everythingBut = new BooleanQuery { { new MatchAllDocsQuery(), Occur.MUST }, { group, Occur.MUST_NOT } };
        everythingBut.Boost = group.Boost;
        return everythingBut;
    }

    /// <summary>Reads the negations of a simple-syntax query as the Lucene syntax does, then <see cref="Complete"/>s it.
    /// Lucene's simple parser turns <c>-india</c> into "every document but india" and ORs that into its group, so
    /// <c>airport -india</c> matched nearly every document and <c>-rust -python</c> all but those with both words; here
    /// each negation excludes documents from its group instead (<c>airport</c> without <c>india</c>; neither word).</summary>
    public static Query CompleteSimple(Query query) => Complete(ExcludeWithinGroups(query));

    /// <summary>Whether <paramref name="query"/> is every document but some (a query of only negations, completed).</summary>
    public static bool IsEverythingBut(Query query) =>
        query is BooleanQuery group && group.Clauses.All(c => c.Occur == Occur.MUST_NOT || c.Query is MatchAllDocsQuery);

    private static Query ExcludeWithinGroups(Query query)
    {
        if (Negated(query) is { } alone)
            return new BooleanQuery { { ExcludeWithinGroups(alone), Occur.MUST_NOT } };
        if (query is not BooleanQuery group)
            return query;
        foreach (BooleanClause clause in group.Clauses)
        {
            if (clause.Occur != Occur.MUST_NOT && Negated(clause.Query) is { } negated)
            {
                clause.Occur = Occur.MUST_NOT;
                clause.Query = ExcludeWithinGroups(negated);
            }
            else
            {
                clause.Query = ExcludeWithinGroups(clause.Query);
            }
        }
        return group;
    }

    /// <summary>What a negation of the simple parser negates: it writes <c>-x</c> as exactly (MUST_NOT x, SHOULD match-all),
    /// and nothing else in that syntax makes a match-all.</summary>
    private static Query? Negated(Query query) =>
        query is BooleanQuery { Clauses.Count: 2 } pair
            && pair.Clauses[0].Occur == Occur.MUST_NOT
            && pair.Clauses[1] is { Occur: Occur.SHOULD, Query: MatchAllDocsQuery }
            ? pair.Clauses[0].Query
            : null;
}
