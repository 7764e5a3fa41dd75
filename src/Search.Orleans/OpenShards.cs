namespace Search.Orleans;

/// <summary>
/// The shard indexes open in this silo. A shard closes its index when deactivated; a silo that stops without deactivating
/// its grains (an ungraceful stop) closes what is left when its services are disposed, so the folders are released for the
/// shards' next activations elsewhere. Like a silo process that dies, it commits nothing then: the writes of a commit
/// that never came are lost, and the next commit that names them says so.
/// </summary>
internal sealed class OpenShards : IDisposable
{
    private readonly HashSet<SearchIndex> _open = [];

    public void Opened(SearchIndex index)
    {
        lock (_open)
            _open.Add(index);
    }

    public void Closed(SearchIndex index)
    {
        lock (_open)
            _open.Remove(index);
    }

    public void Dispose()
    {
        SearchIndex[] left;
        lock (_open)
        {
            left = [.. _open];
            _open.Clear();
        }
        foreach (SearchIndex index in left)
        {
            try
            {
                index.AsShard().Rollback();
                index.Dispose();
            }
            catch (IndexWriteException)
            {
                // The last commit failed; the folder is released all the same, at its last commit.
            }
        }
    }
}
