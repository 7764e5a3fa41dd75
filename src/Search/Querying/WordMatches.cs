using Lucene.Net.Index;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// The live documents of one snapshot that hold some required words (each as a stem in the title or the body, as a search
/// finds a word), kept as one bit set per segment, so that each further word's documents among them are counted by
/// intersecting its postings once rather than by running a query.
/// </summary>
internal sealed class WordMatches
{
    private readonly IList<AtomicReaderContext> _leaves;
    private readonly bool _narrowed;
    private readonly FixedBitSet?[] _required;
    private readonly FixedBitSet?[] _scratch;
    // Each segment's term and postings enumerators, one per searchable field, reused from word to word: a new one costs
    // more than seeking it and reading a short postings list.
    private readonly TermsEnum?[] _terms;
    private readonly DocsEnum?[] _documents;

    /// <param name="reader">The snapshot.</param>
    /// <param name="required">Stems every counted document must hold; none means every live document.</param>
    public WordMatches(IndexReader reader, IReadOnlyCollection<string> required)
    {
        // A shard's peers' statistics (a segment without documents) hold nothing to count.
        _leaves = [.. reader.Leaves.Where(leaf => leaf.Reader is not Sharding.PeerTermsReader)];
        _narrowed = required.Count > 0;
        _required = new FixedBitSet?[_leaves.Count];
        _scratch = new FixedBitSet?[_leaves.Count];
        _terms = new TermsEnum?[_leaves.Count * IndexSchema.SearchableFields.Length];
        _documents = new DocsEnum?[_terms.Length];
        if (!_narrowed)
            return;
        bool any = false;
        for (int i = 0; i < _leaves.Count; i++)
        {
            AtomicReader segment = _leaves[i].AtomicReader;
            FixedBitSet? all = null;
            foreach (string stem in required)
            {
                // Two bit sets per segment however many words: a long text must not cost one per word.
                FixedBitSet holding = all is null ? new FixedBitSet(segment.MaxDoc) : Scratch(i, segment.MaxDoc);
                if (!AddDocumentsWith(i, stem, holding))
                {
                    all = null;
                    break;
                }
                if (all is null)
                {
                    all = holding;
                }
                else
                {
                    all.And(holding);
                    if (all.Cardinality == 0)
                        break;
                }
            }
            // A segment where no document holds them all is skipped from now on.
            _required[i] = all is not null && all.Cardinality > 0 ? all : null;
            any |= _required[i] is not null;
        }
        IsEmpty = !any;
    }

    /// <summary>Whether no live document holds every required word.</summary>
    public bool IsEmpty { get; }

    /// <summary>How many of the documents hold every one of <paramref name="stems"/> too (none: 0).</summary>
    public long Count(IReadOnlyCollection<string> stems)
    {
        if (stems.Count == 0 || IsEmpty)
            return 0;
        long total = 0;
        for (int i = 0; i < _leaves.Count; i++)
        {
            FixedBitSet? required = _required[i];
            if (_narrowed && required is null)
                continue;
            AtomicReader segment = _leaves[i].AtomicReader;
            FixedBitSet? holding = null;
            foreach (string stem in stems)
            {
                FixedBitSet set = holding is null ? Scratch(i, segment.MaxDoc) : new FixedBitSet(segment.MaxDoc);
                if (!AddDocumentsWith(i, stem, set))
                {
                    holding = null;
                    break;
                }
                holding ??= set;
                if (holding != set)
                    holding.And(set);
            }
            if (holding is not null)
                total += required is null ? holding.Cardinality : FixedBitSet.IntersectionCount(holding, required);
        }
        return total;
    }

    /// <summary>This segment's reusable bit set, cleared.</summary>
    private FixedBitSet Scratch(int leaf, int maxDoc)
    {
        FixedBitSet scratch = _scratch[leaf] ??= new FixedBitSet(maxDoc);
        scratch.Clear(0, maxDoc);
        return scratch;
    }

    /// <summary>Sets the live documents of segment <paramref name="leaf"/> that hold <paramref name="stem"/> in a searchable
    /// field; false when the segment has no such term at all.</summary>
    private bool AddDocumentsWith(int leaf, string stem, FixedBitSet into)
    {
        AtomicReader segment = _leaves[leaf].AtomicReader;
        var term = new BytesRef(stem);
        bool found = false;
        for (int f = 0; f < IndexSchema.SearchableFields.Length; f++)
        {
            int slot = leaf * IndexSchema.SearchableFields.Length + f;
            TermsEnum? terms = _terms[slot] ??= segment.GetTerms(IndexSchema.SearchableFields[f])?.GetEnumerator();
            if (terms is null || !terms.SeekExact(term))
                continue;
            DocsEnum? documents = terms.Docs(segment.LiveDocs, _documents[slot], DocsFlags.NONE);
            if (documents is null)
                continue;
            _documents[slot] = documents;
            into.Or(documents);
            found = true;
        }
        return found;
    }
}
