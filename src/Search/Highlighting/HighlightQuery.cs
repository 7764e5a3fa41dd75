using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Highlighting;

/// <summary>
/// The query as <see cref="MatchFinder"/> highlights it, prepared once per search. Lucene's
/// <see cref="Lucene.Net.Search.Highlight.QueryScorer"/> rewrites a fuzzy term against each text it highlights, and a
/// <see cref="FuzzyQuery"/> builds its Levenshtein automata afresh each time unless it is given the attributes of an
/// earlier rewrite: half of a fuzzy search with highlighting went to building the same automata for every hit and field.
/// Here each fuzzy term keeps its automata for the whole search; the words it accepts are the same.
/// </summary>
internal static class HighlightQuery
{
    /// <summary><paramref name="query"/> with each fuzzy term under its boolean and disjunction clauses replaced by one that
    /// builds its automata once; the query itself when it holds no fuzzy term.</summary>
    public static Query For(Query query) => query switch
    {
        FuzzyQuery { Transpositions: true } fuzzy and not AutomataKeepingFuzzyQuery => new AutomataKeepingFuzzyQuery(fuzzy),
        BooleanQuery boolean => WithClauses(boolean),
        DisjunctionMaxQuery disjunction => WithDisjuncts(disjunction),
        _ => query,
    };

    private static BooleanQuery WithClauses(BooleanQuery boolean)
    {
        var copy = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
        bool changed = false;
        foreach (BooleanClause clause in boolean.Clauses)
        {
            Query prepared = For(clause.Query);
            changed |= !ReferenceEquals(prepared, clause.Query);
            copy.Add(prepared, clause.Occur);
        }
        return changed ? copy : boolean;
    }

    private static DisjunctionMaxQuery WithDisjuncts(DisjunctionMaxQuery disjunction)
    {
        var copy = new DisjunctionMaxQuery(disjunction.TieBreakerMultiplier) { Boost = disjunction.Boost };
        bool changed = false;
        foreach (Query disjunct in disjunction.Disjuncts)
        {
            Query prepared = For(disjunct);
            changed |= !ReferenceEquals(prepared, disjunct);
            copy.Add(prepared);
        }
        return changed ? copy : disjunction;
    }
}

/// <summary>A fuzzy term that hands every rewrite the same attributes, where <see cref="FuzzyTermsEnum"/> keeps the
/// automata it built (Lucene shares them the same way across the segments of one rewrite). Nothing else is kept between
/// rewrites: the highlighter's scoring rewrite sets no competitive bound.</summary>
internal sealed class AutomataKeepingFuzzyQuery : FuzzyQuery
{
    private readonly AttributeSource _kept = new();

    public AutomataKeepingFuzzyQuery(FuzzyQuery fuzzy)
        : base(fuzzy.Term, fuzzy.MaxEdits, fuzzy.PrefixLength)
    {
        // Transpositions are on (For checks); the expansion cap is the scorer's to set, as is the rewrite.
        Boost = fuzzy.Boost;
        MultiTermRewriteMethod = fuzzy.MultiTermRewriteMethod;
    }

    protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts) => base.GetTermsEnum(terms, _kept);
}
