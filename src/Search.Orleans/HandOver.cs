namespace Search.Orleans;

/// <summary>
/// The name of the last open of a shard that closed cleanly, committing what was written to it: kept beside the shard's
/// folder, so that after the shard moves to another silo a commit naming that open knows its writes were not lost.
/// </summary>
internal static class HandOver
{
    private static string PathOf(string root, int shard) => Path.Combine(root, $"shard-{shard}.closed");

    public static string? Read(string root, int shard)
    {
        try
        {
            return File.Exists(PathOf(root, shard)) ? File.ReadAllText(PathOf(root, shard)).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // unknown: a commit naming the old open then fails, which is the safe side
        }
    }

    public static void Write(string root, int shard, string opened)
    {
        try
        {
            File.WriteAllText(PathOf(root, shard), opened);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unrecorded: the next commit naming this open reports its writes lost although they were committed.
        }
    }
}
