namespace Search.Indexing;

/// <summary>
/// The commit data that names each folder whose sync committed part of its work on the way (paced commits) and has not
/// finished yet: one key per folder, so that one folder's sync never overwrites or clears another's record.
/// </summary>
internal static class UnfinishedSyncRecords
{
    private const string Prefix = "search.unfinished-sync:";

    /// <summary>The commit data with <paramref name="folder"/>'s record set or cleared, or <see langword="null"/> when it
    /// already is.</summary>
    public static Dictionary<string, string>? With(IDictionary<string, string> data, string folder, bool unfinished)
    {
        string key = Prefix + folder;
        if (data.ContainsKey(key) == unfinished)
            return null;
        var changed = new Dictionary<string, string>(data, StringComparer.Ordinal);
        if (unfinished)
            changed[key] = folder;
        else
            changed.Remove(key);
        return changed;
    }

    /// <summary>The folders with a record, in ordinal order.</summary>
    public static IReadOnlyList<string> Folders(IDictionary<string, string>? data) =>
        data is null ? [] : [.. data.Where(entry => entry.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(entry => entry.Value).Order(StringComparer.Ordinal)];
}
