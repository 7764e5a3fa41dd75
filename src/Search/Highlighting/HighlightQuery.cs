using System.Collections;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using Lucene.Net.Search.Spans;
using Lucene.Net.Util;
using Search.Querying;

namespace Search.Highlighting;

/// <summary>
/// The query as <see cref="MatchFinder"/> highlights it, prepared once per search. Lucene's <see cref="QueryScorer"/>
/// indexes each text it highlights in a <c>MemoryIndex</c> whenever the query holds a phrase, or a prefix, wildcard or fuzzy
/// term: to find where the phrase occurs, and to expand the term against the text's words; and a <see cref="FuzzyQuery"/>
/// builds its Levenshtein automata afresh each time it is expanded. Here, instead, prefix and wildcard terms are expanded
/// once against the index into the words they accept (every word of a hit's text is an index word), fuzzy terms decide
/// each word with automata built once (<see cref="FuzzyWords"/>), and a phrase's occurrences in a hit are read from the
/// index's positions of that document, which are those of its text analysed again. The scorer is then handed plain words,
/// with the positions where a phrase's words count. A query with clauses this does not know is left to the scorer, its
/// fuzzy terms at least keeping their automata for the whole search. Either way the words marked are the same, down to
/// the scorer's corners: a word weighing nothing (a boost of 0) leaves the query to the scorer, and a text where a fuzzy
/// term accepts more words than a boolean query holds gets no multi-term words marked, as the scorer gives up there.
/// </summary>
internal sealed class HighlightQuery
{
    private readonly IReadOnlyDictionary<string, FieldWords>? _words;
    private readonly IndexReader? _reader;
    private readonly int[] _page;
    private readonly Dictionary<(string Field, int Leaf), WordLookup> _lookups = [];

    private HighlightQuery(Query query, IReadOnlyDictionary<string, FieldWords>? words, IndexReader? reader = null, int[]? page = null)
    {
        Query = query;
        _words = words;
        _reader = reader;
        _page = page ?? [];
    }

    /// <summary>The query the scorer reads when the words are not known in advance.</summary>
    public Query Query { get; }

    /// <summary>Whether the words to mark were expanded in advance, so that no text is indexed in memory.</summary>
    public bool HasWords => _words is not null;

    /// <summary><paramref name="query"/> as it is, for a text read on its own.</summary>
    public static HighlightQuery Plain(Query query) => new(query, words: null);

    /// <summary><paramref name="query"/> prepared for highlighting the hits of a search of <paramref name="reader"/>, in
    /// <paramref name="fields"/>; <paramref name="page"/>, the documents to be highlighted when known, lets a phrase be read
    /// for all of them in one pass.</summary>
    public static HighlightQuery For(Query query, IndexReader reader, IReadOnlyList<string> fields, IReadOnlyCollection<int>? page = null,
        Deadline deadline = default)
    {
        var words = new Dictionary<string, FieldWords>(StringComparer.Ordinal);
        foreach (string field in fields)
        {
            if (WordsOf(query, reader, field, deadline) is not { } found)
                return new HighlightQuery(KeepingFuzzyAutomata(query), words: null);
            words[field] = found;
        }
        return new HighlightQuery(query, words, reader, page is null ? null : [.. page.Order()]);
    }

    /// <summary>A scorer for one text of <paramref name="field"/>: that of document <paramref name="doc"/> of the reader the
    /// query was prepared for, when it is a hit's; null when <paramref name="deadline"/> passed while its phrases were read.</summary>
    public QueryScorer? Scorer(string field, bool expandMultiTermQueries, int? doc, Deadline deadline)
    {
        if (_words is null)
            return new QueryScorer(Query, field) { ExpandMultiTermQuery = expandMultiTermQueries };
        if (!_words.TryGetValue(field, out FieldWords? words))
            return new QueryScorer([]);
        WeightedSpanTerm[] terms = expandMultiTermQueries ? words.Terms : words.PlainTerms;
        if (words.Phrases.Count == 0)
            return new QueryScorer(terms);
        if (doc is not int hit)
            throw new InvalidOperationException("A phrase is highlighted in a hit's text only: give the hit's document.");
        return WithPhrases(terms, words.Phrases, hit, deadline) is { } weighted ? new QueryScorer(weighted) : null;
    }

    /// <summary>The fuzzy terms of <paramref name="field"/> that the scorer leaves to be checked word by word; none when
    /// multi-term queries are not expanded (the scorer's fallback for a text where one expands too far).</summary>
    public IReadOnlyList<FuzzyWords> FuzzyTerms(string field, bool expandMultiTermQueries) =>
        expandMultiTermQueries && _words is not null && _words.TryGetValue(field, out FieldWords? words) ? words.Fuzzy : [];

    /// <summary>Reads the positions in field <paramref name="field"/> of document <paramref name="doc"/> where a word is
    /// marked from the index's postings, as the postings highlighter reads offsets; false when the text must be analysed
    /// instead (the query was not prepared, a fuzzy term decides word by word, or there are too many words to look up one
    /// by one). <paramref name="marked"/> is null when <paramref name="deadline"/> passed first. A position is below the
    /// length of the text (<paramref name="textLength"/>): every word before it takes a character at least.</summary>
    public bool TryReadMarked(string field, int doc, int textLength, Deadline deadline, out BitArray? marked, out int last)
    {
        marked = null;
        last = -1;
        if (_words is null || !_words.TryGetValue(field, out FieldWords? words) || words.Fuzzy.Count > 0
            || words.Terms.Length + words.Phrases.Sum(p => p.Terms.Length) > MaxWordsLookedUp)
        {
            return false;
        }
        IList<AtomicReaderContext> leaves = _reader!.Leaves;
        AtomicReaderContext leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        int local = doc - leaf.DocBase;
        if (!_lookups.TryGetValue((field, leaf.Ord), out WordLookup? lookup))
        {
            lookup = leaf.AtomicReader.GetTerms(field) is { } terms ? new WordLookup(terms.GetEnumerator()) : null;
            _lookups[(field, leaf.Ord)] = lookup!;
        }
        var positions = new BitArray(textLength);
        if (lookup is not null)
        {
            // A word any clause names plainly counts everywhere; a phrase's other words only inside its occurrences.
            var plain = new HashSet<string>(words.Terms.Select(t => t.Term), StringComparer.Ordinal);
            var where = new List<(string Word, BitArray? Inside)>(plain.Select(word => (word, (BitArray?)null)));
            if (PhraseCoverage(words, plain, doc, textLength, deadline) is not { } coverage)
                return true;
            foreach ((string word, BitArray inside) in coverage)
                where.Add((word, inside));
            foreach ((string word, BitArray? inside) in where)
            {
                if (lookup.Positions(words.States[word], leaf.Ord, local) is not { } postings)
                    continue;
                for (int i = postings.Freq; i > 0; i--)
                {
                    if (i % Deadline.CheckInterval == 0 && deadline.HasPassed)
                        return true;
                    int position = postings.NextPosition();
                    if (position < textLength && (inside is null || inside[position]))
                    {
                        positions[position] = true;
                        last = Math.Max(last, position);
                    }
                }
            }
        }
        marked = positions;
        return true;
    }

    // Each word costs a dictionary seek per hit and field; past this many, analysing the text is cheaper.
    private const int MaxWordsLookedUp = 32;

    /// <summary>One leaf's dictionary of a field, with the postings enumeration reused from word to word and hit to hit.</summary>
    private sealed class WordLookup(TermsEnum terms)
    {
        private DocsAndPositionsEnum? _postings;

        /// <summary>The word's postings positioned on <paramref name="doc"/>, or null when the document does not hold it.</summary>
        public DocsAndPositionsEnum? Positions((BytesRef Bytes, TermContext Context) word, int leaf, int doc)
        {
            if (word.Context.Get(leaf) is not { } state)
                return null;
            terms.SeekExact(word.Bytes, state);
            _postings = terms.DocsAndPositions(null, _postings, DocsAndPositionsFlags.NONE);
            return _postings is not null && _postings.Advance(doc) == doc ? _postings : null;
        }
    }

    /// <summary>For each word found only in phrases, the positions of document <paramref name="doc"/> inside an occurrence of
    /// a phrase holding it (a word's occurrences of every such phrase count, as the scorer's position check counts them).</summary>
    private Dictionary<string, BitArray>? PhraseCoverage(FieldWords words, HashSet<string> plain, int doc, int textLength, Deadline deadline)
    {
        var coverage = new Dictionary<string, BitArray>(StringComparer.Ordinal);
        foreach (PhraseSpans phrase in words.Phrases)
        {
            if (phrase.Occurrences(_reader!, _page, doc, deadline) is not { } occurrences)
                return null;
            if (occurrences.Count == 0)
                continue;
            foreach (Term term in phrase.Terms.Where(t => !plain.Contains(t.Text)))
            {
                if (!coverage.TryGetValue(term.Text, out BitArray? inside))
                    coverage[term.Text] = inside = new BitArray(textLength);
                foreach (PositionSpan occurrence in occurrences)
                {
                    for (int position = occurrence.Start; position <= Math.Min(occurrence.End, textLength - 1); position++)
                        inside[position] = true;
                }
            }
        }
        return coverage;
    }

    /// <summary>The words of <paramref name="terms"/>, and the words of each of <paramref name="phrases"/> occurring in document
    /// <paramref name="doc"/>, counted only inside an occurrence of a phrase holding them; as the scorer's extraction
    /// weighs them, a word any other clause names counts everywhere.</summary>
    private WeightedSpanTerm[]? WithPhrases(WeightedSpanTerm[] terms, IReadOnlyList<PhraseSpans> phrases, int doc, Deadline deadline)
    {
        var plain = new HashSet<string>(terms.Select(t => t.Term), StringComparer.Ordinal);
        var positional = new Dictionary<string, WeightedSpanTerm>(StringComparer.Ordinal);
        foreach (PhraseSpans phrase in phrases)
        {
            if (phrase.Occurrences(_reader!, _page, doc, deadline) is not { } occurrences)
                return null;
            if (occurrences.Count == 0)
                continue;
            foreach (Term term in phrase.Terms)
            {
                if (plain.Contains(term.Text))
                    continue;
                if (!positional.TryGetValue(term.Text, out WeightedSpanTerm? weighted))
                {
                    weighted = new WeightedSpanTerm(phrase.Query.Boost, term.Text) { IsPositionSensitive = true };
                    positional[term.Text] = weighted;
                }
                weighted.AddPositionSpans(occurrences);
            }
        }
        return [.. terms, .. positional.Values];
    }

    /// <summary>The words <paramref name="query"/> marks in <paramref name="field"/>, weighed as the scorer weighs them (a
    /// term by its boost, a word a multi-term query expands to by the query's boost times its expansion's), or null when
    /// that needs a text or the clauses' order: a clause this does not know, a term boosted to zero, a prefix or wildcard
    /// term expanding to more words than a boolean query may hold (the scorer then marks plain terms only, text by text),
    /// or <paramref name="deadline"/> passing while it expands.</summary>
    private static FieldWords? WordsOf(Query query, IndexReader reader, string field, Deadline deadline)
    {
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        var plainWeights = new Dictionary<string, float>(StringComparer.Ordinal);
        var fuzzy = new List<FuzzyWords>();
        var phrases = new List<PhraseSpans>();
        // Negated clauses mark nothing.
        foreach (Query leaf in QueryTree.ScoringLeaves(query))
        {
            switch (leaf)
            {
                case TermQuery term when term.Term.Field == field:
                    // The scorer keeps the weight of the last clause naming a word, and a word weighing nothing is not
                    // marked: with every weight above zero the order of the clauses cannot matter.
                    if (!(term.Boost > 0))
                        return null;
                    Keep(weights, term.Term.Text, term.Boost);
                    Keep(plainWeights, term.Term.Text, term.Boost);
                    break;
                case TermQuery:
                    break;
                case MultiTermQuery multiTerm when multiTerm.Field == field && multiTerm is PrefixQuery or WildcardQuery or FuzzyQuery
                                                   && !(multiTerm.Boost > 0):
                    return null; // its words would weigh nothing, and the order of clauses would decide
                case FuzzyQuery fuzzyTerm:
                    // Its boost for a word is above zero whenever it accepts the word.
                    if (fuzzyTerm.Field == field)
                        fuzzy.Add(new FuzzyWords(fuzzyTerm));
                    break;
                case MultiTermQuery multiTerm when multiTerm is PrefixQuery or WildcardQuery:
                    if (multiTerm.Field == field && !Expand(multiTerm, reader, weights, deadline))
                        return null;
                    break;
                case PhraseQuery phrase when phrase.GetTerms().All(t => t.Field == field):
                    if (!(phrase.Boost > 0))
                        return null;
                    if (phrase.GetTerms().Length > 0)
                        phrases.Add(new PhraseSpans(AsSpans(phrase), reader));
                    break;
                case PhraseQuery phrase when phrase.GetTerms().All(t => t.Field != field):
                    break; // another field's words are never marked here
                case MatchAllDocsQuery:
                    break;
                default:
                    return null;
            }
        }
        var found = new FieldWords([.. weights.Select(w => new WeightedSpanTerm(w.Value, w.Key))], fuzzy, phrases)
        {
            PlainTerms = [.. plainWeights.Select(w => new WeightedSpanTerm(w.Value, w.Key))],
        };
        if (fuzzy.Count == 0 && found.Terms.Length + phrases.Sum(p => p.Terms.Length) <= MaxWordsLookedUp)
        {
            foreach (WeightedSpanTerm word in found.Terms)
            {
                var term = new Term(field, word.Term);
                found.States[word.Term] = (term.Bytes, TermContext.Build(reader.Context, term));
            }
            foreach (PhraseSpans phrase in phrases)
            {
                foreach ((Term term, TermContext context) in phrase.Contexts)
                    found.States.TryAdd(term.Text, (term.Bytes, context));
            }
        }
        return found;
    }

    /// <summary>The phrase as the scorer's extraction turns it into spans: its words near each other within its slop, plus
    /// the largest gap between its positions, in order only when there is no slop.</summary>
    private static SpanNearQuery AsSpans(PhraseQuery phrase)
    {
        Term[] terms = phrase.GetTerms();
        int[] positions = phrase.GetPositions();
        int slop = phrase.Slop;
        int largestGap = 0;
        for (int i = 1; i < positions.Length; i++)
            largestGap = Math.Max(largestGap, positions[i] - positions[i - 1]);
        if (largestGap > 1)
            slop += largestGap;
        SpanQuery[] clauses = [.. terms.Select(t => (SpanQuery)new SpanTermQuery(t))];
        return new SpanNearQuery(clauses, slop, inOrder: slop == 0) { Boost = phrase.Boost };
    }

    /// <summary>What marks words in one field: the words the scorer is handed, the fuzzy terms checked word by word, and the
    /// phrases whose words count where the phrase occurs.</summary>
    private sealed record FieldWords(WeightedSpanTerm[] Terms, IReadOnlyList<FuzzyWords> Fuzzy, IReadOnlyList<PhraseSpans> Phrases)
    {
        /// <summary>The words plain terms name, without those of prefix, wildcard and fuzzy terms: what the scorer marks in a
        /// text where one of those expands to more words than a boolean query holds.</summary>
        public required WeightedSpanTerm[] PlainTerms { get; init; }

        /// <summary>Where each word, plain or in a phrase, is in each leaf's dictionary: looked up once per search.</summary>
        public Dictionary<string, (BytesRef Bytes, TermContext Context)> States { get; } = [];
    }

    /// <summary>A phrase as spans, with its words looked up in the index once per search.</summary>
    private sealed class PhraseSpans
    {
        private readonly Dictionary<Term, TermContext> _contexts = [];
        private Dictionary<int, List<PositionSpan>>? _page;

        public PhraseSpans(SpanNearQuery query, IndexReader reader)
        {
            Query = query;
            var terms = new SortedSet<Term>();
            query.ExtractTerms(terms);
            Terms = [.. terms];
            foreach (Term term in Terms)
                _contexts[term] = TermContext.Build(reader.Context, term);
        }

        public SpanNearQuery Query { get; }

        /// <summary>Its distinct words.</summary>
        public Term[] Terms { get; }

        /// <summary>Its words' places in the index.</summary>
        public IReadOnlyDictionary<Term, TermContext> Contexts => _contexts;

        /// <summary>Where the phrase occurs in document <paramref name="doc"/> (of the whole reader), as the positions of its
        /// first and last word; null when <paramref name="deadline"/> passed first. Without a deadline, the documents of
        /// <paramref name="page"/> (in order) are read in one pass per leaf the first time; with one, each document is read
        /// on its own, so that a hit highlighted in time never waits for another's occurrences.</summary>
        public List<PositionSpan>? Occurrences(IndexReader reader, int[] page, int doc, Deadline deadline)
        {
            if (!deadline.IsBounded && _page is null)
            {
                _page = [];
                Read(reader, page, _page, deadline);
            }
            if (_page is not null && _page.TryGetValue(doc, out List<PositionSpan>? found))
                return found;
            var single = new Dictionary<int, List<PositionSpan>>();
            return Read(reader, [doc], single, deadline) ? single[doc] : null;
        }

        /// <summary>Reads the occurrences in <paramref name="docs"/> (in order); false when <paramref name="deadline"/> passed
        /// first.</summary>
        private bool Read(IndexReader reader, int[] docs, Dictionary<int, List<PositionSpan>> into, Deadline deadline)
        {
            IList<AtomicReaderContext> leaves = reader.Leaves;
            Spans? spans = null;
            bool more = false;
            int leafOrd = -1;
            int read = 0;
            foreach (int doc in docs)
            {
                var found = new List<PositionSpan>();
                into[doc] = found;
                AtomicReaderContext leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
                int local = doc - leaf.DocBase;
                if (leaf.Ord != leafOrd)
                {
                    leafOrd = leaf.Ord;
                    spans = Query.GetSpans(leaf, null, _contexts);
                    more = spans.SkipTo(local);
                }
                else if (more && spans!.Doc < local)
                {
                    more = spans.SkipTo(local);
                }
                while (more && spans!.Doc == local)
                {
                    if (++read % Deadline.CheckInterval == 0 && deadline.HasPassed)
                        return false;
                    found.Add(new PositionSpan(spans.Start, spans.End - 1));
                    more = spans.MoveNext();
                }
            }
            return true;
        }
    }

    private static void Keep(Dictionary<string, float> weights, string word, float weight)
    {
        if (!weights.TryGetValue(word, out float kept) || kept < weight)
            weights[word] = weight;
    }

    /// <summary>Adds every index word <paramref name="query"/> accepts, as the scorer's own expansion would (Lucene's scoring
    /// rewrite, with no cut); false when they are more than a boolean query may hold.</summary>
    private static bool Expand(MultiTermQuery query, IndexReader reader, Dictionary<string, float> weights, Deadline deadline)
    {
        var expansion = (MultiTermQuery)query.Clone();
        expansion.MultiTermRewriteMethod = new WordCollector(weights, BooleanQuery.MaxClauseCount, deadline);
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
    private sealed class WordCollector(Dictionary<string, float> weights, int limit, Deadline deadline) : MultiTermQuery.RewriteMethod
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
                for (int read = 1; accepted.MoveNext(); read++)
                {
                    // The scoring rewrite weighs a word by the query's boost times its expansion's.
                    Keep(found, accepted.Term.Utf8ToString(), query.Boost * boost.Boost);
                    // Too many words, or too long to find them: the scorer is left to expand the term text by text.
                    if (found.Count > limit || (read % Deadline.CheckInterval == 0 && deadline.HasPassed))
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
