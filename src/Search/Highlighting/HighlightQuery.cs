using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Util;

namespace Search.Highlighting;

/// <summary>
/// The query as <see cref="MatchFinder"/> highlights it, prepared once per search. Lucene's <see cref="QueryScorer"/>
/// indexes each text it highlights in a <c>MemoryIndex</c> whenever the query holds a prefix, wildcard or fuzzy term, to
/// expand the term against the text's words, and a <see cref="FuzzyQuery"/> builds its Levenshtein automata afresh each
/// time it is expanded. When no clause needs positions (no phrase), each such term is expanded once here, against the
/// index, into the words it accepts (every word of a hit's text is an index word), and the scorer is handed plain words;
/// otherwise fuzzy terms at least keep their automata for the whole search. Either way the words marked are the same.
/// </summary>
internal sealed class HighlightQuery
{
    private readonly IReadOnlyDictionary<string, FieldWords>? _words;

    private HighlightQuery(Query query, IReadOnlyDictionary<string, FieldWords>? words)
    {
        Query = query;
        _words = words;
    }

    /// <summary>The query the scorer reads when the words are not known in advance.</summary>
    public Query Query { get; }

    /// <summary>Whether the words to mark were expanded in advance, so that no text is indexed in memory.</summary>
    public bool HasWords => _words is not null;

    /// <summary><paramref name="query"/> as it is, for a text read on its own.</summary>
    public static HighlightQuery Plain(Query query) => new(query, words: null);

    /// <summary><paramref name="query"/> prepared for highlighting the hits of a search of <paramref name="reader"/>, in
    /// <paramref name="fields"/>.</summary>
    public static HighlightQuery For(Query query, IndexReader reader, IReadOnlyList<string> fields)
    {
        var words = new Dictionary<string, FieldWords>(StringComparer.Ordinal);
        foreach (string field in fields)
        {
            if (WordsOf(query, reader, field) is not { } found)
                return new HighlightQuery(KeepingFuzzyAutomata(query), words: null);
            words[field] = found;
        }
        return new HighlightQuery(query, words);
    }

    /// <summary>A scorer for one text of <paramref name="field"/>.</summary>
    public QueryScorer Scorer(string field, bool expandMultiTermQueries) =>
        _words is not null
            ? new QueryScorer(_words.TryGetValue(field, out FieldWords? words) ? words.Terms : [])
            : new QueryScorer(Query, field) { ExpandMultiTermQuery = expandMultiTermQueries };

    /// <summary>The fuzzy terms of <paramref name="field"/> that the scorer leaves to be checked word by word.</summary>
    public IReadOnlyList<FuzzyWords> FuzzyTerms(string field) =>
        _words is not null && _words.TryGetValue(field, out FieldWords? words) ? words.Fuzzy : [];

    /// <summary>The words <paramref name="query"/> marks in <paramref name="field"/>, weighed as the scorer weighs them (a
    /// term by its boost, a word a multi-term query expands to by the boost its expansion gives it), or null when that needs
    /// a text or the clauses' order: a clause with positions, one this does not know, a term boosted to zero, or a term
    /// expanding to more words than a boolean query may hold (the scorer then marks plain terms only, text by text).</summary>
    private static FieldWords? WordsOf(Query query, IndexReader reader, string field)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        var fuzzy = new List<FuzzyWords>();
        var pending = new Stack<Query>();
        pending.Push(query);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BooleanQuery boolean:
                    // Negated clauses mark nothing.
                    foreach (BooleanClause clause in boolean.Clauses.Where(c => c.Occur != Occur.MUST_NOT))
                        pending.Push(clause.Query);
                    break;
                case DisjunctionMaxQuery disjunction:
                    foreach (Query disjunct in disjunction.Disjuncts)
                        pending.Push(disjunct);
                    break;
                case TermQuery term when term.Term.Field == field:
                    // The scorer keeps the weight of the last clause naming a word, and a word weighing nothing is not
                    // marked: with every weight above zero the order of the clauses cannot matter.
                    if (!(term.Boost > 0))
                        return null;
                    Keep(weights, term.Term.Text, term.Boost);
                    break;
                case TermQuery:
                    break;
                case FuzzyQuery fuzzyTerm:
                    // Its boost for a word is above zero whenever it accepts the word.
                    if (fuzzyTerm.Field == field)
                        fuzzy.Add(new FuzzyWords(fuzzyTerm) { Field = field });
                    break;
                case MultiTermQuery multiTerm when multiTerm is PrefixQuery or WildcardQuery:
                    if (multiTerm.Field == field && !Expand(multiTerm, reader, weights))
                        return null;
                    break;
                case MatchAllDocsQuery:
                    break;
                default:
                    return null;
            }
        }
        return new FieldWords([.. weights.Select(w => new WeightedSpanTerm(w.Value, w.Key))], fuzzy);
    }

    /// <summary>What marks words in one field: the words the scorer is handed, and the fuzzy terms checked word by word.</summary>
    private sealed record FieldWords(WeightedSpanTerm[] Terms, IReadOnlyList<FuzzyWords> Fuzzy);

    private static void Keep(Dictionary<string, float> weights, string word, float weight)
    {
        if (!weights.TryGetValue(word, out float kept) || kept < weight)
            weights[word] = weight;
    }

    /// <summary>Adds every index word <paramref name="query"/> accepts, as the scorer's own expansion would (Lucene's scoring
    /// rewrite, with no cut); false when they are more than a boolean query may hold.</summary>
    private static bool Expand(MultiTermQuery query, IndexReader reader, Dictionary<string, float> weights)
    {
        var expansion = (MultiTermQuery)query.Clone();
        expansion.MultiTermRewriteMethod = new WordCollector(weights, BooleanQuery.MaxClauseCount);
        try
        {
            expansion.Rewrite(reader);
            return true;
        }
        catch (BooleanQuery.TooManyClausesException)
        {
            return false;
        }
    }

    /// <summary><paramref name="query"/> with each fuzzy term under its boolean and disjunction clauses replaced by one that
    /// builds its automata once; the query itself when it holds no fuzzy term.</summary>
    private static Query KeepingFuzzyAutomata(Query query) => query switch
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
            Query prepared = KeepingFuzzyAutomata(clause.Query);
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
            Query prepared = KeepingFuzzyAutomata(disjunct);
            changed |= !ReferenceEquals(prepared, disjunct);
            copy.Add(prepared);
        }
        return changed ? copy : disjunction;
    }

    /// <summary>Collects the words a multi-term query accepts in every segment, each with the boost its terms enumeration
    /// gives it, as the scoring rewrite the scorer uses would weigh its term queries.</summary>
    private sealed class WordCollector(Dictionary<string, float> weights, int limit) : MultiTermQuery.RewriteMethod
    {
        public override Query Rewrite(IndexReader reader, MultiTermQuery query)
        {
            var found = new Dictionary<string, float>(StringComparer.Ordinal);
            foreach (AtomicReaderContext leaf in reader.Leaves)
            {
                if (leaf.AtomicReader.GetTerms(query.Field) is not { } terms)
                    continue;
                TermsEnum accepted = GetTermsEnum(query, terms, new AttributeSource());
                IBoostAttribute boost = accepted.Attributes.AddAttribute<IBoostAttribute>();
                while (accepted.MoveNext())
                {
                    Keep(found, accepted.Term.Utf8ToString(), boost.Boost);
                    if (found.Count > limit)
                        throw new BooleanQuery.TooManyClausesException();
                }
            }
            foreach ((string word, float weight) in found)
                Keep(weights, word, weight);
            return query;
        }
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
