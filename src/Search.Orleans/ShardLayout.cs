using System.Text.Json;

namespace Search.Orleans;

/// <summary>
/// The record, under the shards' root, of how many shards the index has. The first shard to start writes it; every later
/// start checks its configured count against it, since a document's shard is its id's hash modulo the count and another
/// count would look for documents on the wrong shards.
/// </summary>
internal static class ShardLayout
{
    public const string FileName = "search-shards.json";

    /// <summary>The folder of shard <paramref name="shard"/> under <paramref name="root"/>.</summary>
    public static string ShardFolder(string root, int shard) => Path.Combine(root, $"shard-{shard}");

    /// <summary>The shard count recorded under <paramref name="root"/>, or null when there is none yet.</summary>
    /// <exception cref="InvalidOperationException">The record cannot be read.</exception>
    public static int? Recorded(string root)
    {
        string path = Path.Combine(root, FileName);
        return File.Exists(path) ? Read(path) : null;
    }

    /// <summary>The recorded shard count, recording <paramref name="configured"/> if there is none yet.</summary>
    /// <exception cref="InvalidOperationException">The record says another count, or cannot be read.</exception>
    public static int Ensure(string root, int configured)
    {
        Directory.CreateDirectory(root);
        string path = Path.Combine(root, FileName);
        if (!File.Exists(path))
        {
            // Written aside and moved into place without overwriting, so two silos starting at once agree on one record.
            string temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new Record(configured)));
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // another silo recorded it first
            }
            finally
            {
                File.Delete(temporary);
            }
        }
        int recorded = Read(path);
        if (recorded != configured)
        {
            throw new InvalidOperationException(
                $"The sharded index under '{root}' has {recorded} shards (recorded in {FileName}), but this silo is configured with {configured}; " +
                "the count is fixed when the index is created: configure the same count, or use a new root.");
        }
        return recorded;
    }

    private static int Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Record>(File.ReadAllText(path))?.Shards is int shards and >= 1
                ? shards
                : throw new InvalidOperationException($"'{path}' does not record a shard count.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"'{path}' is not a shard record: {e.Message}", e);
        }
    }

    private sealed record Record(int Shards);
}
