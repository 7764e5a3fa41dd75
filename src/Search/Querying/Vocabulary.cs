using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Querying;

/// <summary>
/// The words of one index snapshot as written in its documents (<see cref="IndexSchema.Words"/>: folded, lower-cased, not
/// stemmed), each with how many documents hold it: where typo variants, did-you-mean corrections and completions come
/// from. Counts include documents deleted but not yet merged away, so they rank words rather than count hits.
/// </summary>
internal sealed class Vocabulary(IndexReader reader)
{
    // Merged over the segments only when words are enumerated: most searches only look words up.
    private readonly Lazy<Terms?> _merged = new(() => MultiFields.GetTerms(reader, IndexSchema.Words), LazyThreadSafetyMode.None);

    private Terms? Terms => _merged.Value;

    /// <summary>How many documents hold <paramref name="word"/> (folded and lower-cased), 0 when none does.</summary>
    public long DocumentsWith(string word) => reader.DocFreq(new Term(IndexSchema.Words, word));

    /// <summary>The words within <paramref name="maxEdits"/> edits of <paramref name="word"/> (a transposition is one
    /// edit) that share its first <paramref name="prefixLength"/> characters, <paramref name="word"/> itself included when
    /// present, found by Lucene's <see cref="FuzzyTermsEnum"/> on the index's terms.</summary>
    public IReadOnlyList<WordCount> Near(string word, int maxEdits, int prefixLength = 1)
    {
        if (Terms is not { } terms || maxEdits <= 0)
            return [];
        var found = new List<WordCount>();
        var near = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(IndexSchema.Words, word), maxEdits, prefixLength, transpositions: true);
        while (near.MoveNext())
        {
            string candidate = near.Term.Utf8ToString();
            found.Add(new WordCount(candidate, near.DocFreq, EditDistance.Between(word, candidate)));
        }
        return found;
    }

    /// <summary>Up to <paramref name="limit"/> words that start with <paramref name="prefix"/> (folded and lower-cased),
    /// those in most documents first, then in word order.</summary>
    public IReadOnlyList<WordCount> StartingWith(string prefix, int limit)
    {
        if (limit <= 0)
            return [];
        var start = new BytesRef(prefix);
        // Summed segment by segment: merging the segments' word lists into one (a MultiTermsEnum) costs several times as
        // much per word, and a one-letter prefix has thousands.
        var documents = new Dictionary<BytesRef, int>();
        foreach (AtomicReaderContext leaf in reader.Leaves)
        {
            TermsEnum? terms = leaf.AtomicReader.GetTerms(IndexSchema.Words)?.GetEnumerator();
            if (terms is null || terms.SeekCeil(start) == TermsEnum.SeekStatus.END)
                continue;
            do
            {
                BytesRef term = terms.Term;
                if (!StringHelper.StartsWith(term, start))
                    break;
                if (documents.TryGetValue(term, out int count))
                    documents[term] = count + terms.DocFreq; // keeps the key first added, which the enumerator does not reuse
                else
                    documents.Add(BytesRef.DeepCopyOf(term), terms.DocFreq);
            }
            while (terms.MoveNext());
        }
        var order = new PriorityQueue<(BytesRef Word, int Documents), (BytesRef Word, int Documents)>(limit + 1, Comparer<(BytesRef Word, int Documents)>.Create(
            // The queue keeps the least at its head, so that it is the one dropped: fewest documents, then the last word.
            (a, b) => a.Documents != b.Documents ? a.Documents.CompareTo(b.Documents) : b.Word.CompareTo(a.Word)));
        foreach ((BytesRef word, int count) in documents)
        {
            order.Enqueue((word, count), (word, count));
            if (order.Count > limit)
                order.Dequeue();
        }
        var result = new WordCount[order.Count];
        for (int i = result.Length - 1; i >= 0; i--)
        {
            (BytesRef word, int count) = order.Dequeue();
            result[i] = new WordCount(word.Utf8ToString(), count, 0);
        }
        return result;
    }
}

/// <summary>A word of the <see cref="Vocabulary"/>, the documents that hold it, and (for a near word) its edits away.</summary>
internal readonly record struct WordCount(string Word, int Documents, int Edits);

/// <summary>The optimal string alignment distance: insertions, deletions, substitutions and transpositions of
/// neighbours each count one, as Lucene's fuzzy matching counts them.</summary>
internal static class EditDistance
{
    public static int Between(string a, string b)
    {
        var rows = new int[3][];
        for (int r = 0; r < 3; r++)
            rows[r] = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
            rows[0][j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            int[] current = rows[i % 3], previous = rows[(i - 1) % 3], beforePrevious = rows[(i + 1) % 3];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    current[j] = Math.Min(current[j], beforePrevious[j - 2] + 1);
            }
        }
        return rows[a.Length % 3][b.Length];
    }
}
