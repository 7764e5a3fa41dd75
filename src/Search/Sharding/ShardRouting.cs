using System.IO.Hashing;
using System.Text;

namespace Search.Sharding;

/// <summary>Which shard holds a document: a stable hash of its id (XxHash3 of its UTF-8 bytes, the same in every process,
/// on every machine and in every version, unlike <see cref="string.GetHashCode()"/>) modulo the shard count.</summary>
internal static class ShardRouting
{
    public static int ShardOf(string id, int shards)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1);
        return (int)(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id)) % (ulong)shards);
    }
}
