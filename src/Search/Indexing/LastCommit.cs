using Lucene.Net.Index;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexing;

/// <summary>Reads the documents of an index's last commit by id from doc values alone, for what a rebuild must know of the
/// index it replaces: what it drops, and what it keeps; and the last commit's user data.</summary>
internal static class LastCommit
{
    /// <summary>The user data of the last commit in <paramref name="directory"/>, or <see langword="null"/> when there is no commit.</summary>
    public static IDictionary<string, string>? UserData(LuceneDirectory directory)
    {
        if (!DirectoryReader.IndexExists(directory))
            return null;
        var infos = new SegmentInfos();
        infos.Read(directory);
        return infos.UserData;
    }

    /// <summary>The ids of the documents in the last commit of <paramref name="directory"/> (none when there is none).</summary>
    public static HashSet<string> Ids(LuceneDirectory directory)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (!DirectoryReader.IndexExists(directory))
            return ids;
        using DirectoryReader last = DirectoryReader.Open(directory);
        foreach (AtomicReader reader in last.Leaves.Select(leaf => leaf.AtomicReader))
        {
            foreach ((int _, string id) in LiveIds(reader))
                ids.Add(id);
        }
        return ids;
    }

    /// <summary>Views of <paramref name="last"/>'s segments showing only the live documents that <paramref name="keep"/>
    /// selects by id and origin folder, ready for <see cref="IndexWriter.AddIndexes(IndexReader[])"/>, and how many.</summary>
    public static (IndexReader[] Views, int Count) Select(DirectoryReader last, Func<string, string?, bool> keep)
    {
        var views = new List<IndexReader>();
        int total = 0;
        foreach (AtomicReader reader in last.Leaves.Select(leaf => leaf.AtomicReader))
        {
            var origins = new SegmentOrigins(reader);
            var chosen = new FixedBitSet(reader.MaxDoc);
            int count = 0;
            foreach ((int doc, string id) in LiveIds(reader))
            {
                if (keep(id, origins.Read(doc)?.Folder))
                {
                    chosen.Set(doc);
                    count++;
                }
            }
            if (count > 0)
            {
                views.Add(new SelectedDocuments(reader, chosen, count));
                total += count;
            }
        }
        return ([.. views], total);
    }

    /// <summary>The live documents of one segment with their ids.</summary>
    private static IEnumerable<(int Doc, string Id)> LiveIds(AtomicReader reader)
    {
        if (reader.GetSortedDocValues(IndexSchema.Id) is not { } ids)
            yield break;
        IBits? live = reader.LiveDocs;
        var scratch = new BytesRef();
        for (int doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
                continue;
            ids.Get(doc, scratch);
            yield return (doc, scratch.Utf8ToString());
        }
    }
}
