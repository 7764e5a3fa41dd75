using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Search.Querying;

/// <summary>
/// The id ordinal of every document of a segment, read once per segment and kept while the segment lives. Each random
/// read of doc values from disk costs a system call, and comparing ties by id reads one
/// ordinal per tied hit; one sequential pass over a segment is far cheaper than that on the first query already.
/// </summary>
internal static class IdOrdinals
{
    private static readonly ConditionalWeakTable<object, int[]> Cache = [];

    public static int[] Of(AtomicReader reader, SortedDocValues ids) => Cache.GetValue(reader.CoreCacheKey, _ =>
    {
        var ordinals = new int[reader.MaxDoc];
        for (int doc = 0; doc < ordinals.Length; doc++)
            ordinals[doc] = ids.GetOrd(doc);
        return ordinals;
    });
}
