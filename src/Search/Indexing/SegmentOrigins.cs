using Lucene.Net.Index;
using Lucene.Net.Util;

namespace Search.Indexing;

/// <summary>
/// Reads where the synced documents of one segment came from (folder, file, content hash), all from doc values, so
/// neither a folder sync nor a hit decompresses stored fields for them.
/// </summary>
internal sealed class SegmentOrigins(AtomicReader reader)
{
    private readonly BinaryDocValues? _origins = reader.GetBinaryDocValues(IndexSchema.Origin);
    private readonly SortedDocValues? _extensions = reader.GetSortedDocValues(IndexSchema.Extension);
    private readonly BytesRef _scratch = new();
    private byte[] _lastFolderBytes = [];
    private string? _lastFolder;

    /// <summary>The content hash and folder of <paramref name="doc"/>, or <see langword="null"/> when it was upserted directly.</summary>
    public (UInt128 Hash, string Folder)? Read(int doc)
    {
        if (_origins is null)
            return null;
        _origins.Get(doc, _scratch);
        if (!IndexSchema.TryReadOrigin(_scratch.Bytes.AsSpan(_scratch.Offset, _scratch.Length), out UInt128 hash, out ReadOnlySpan<byte> folderBytes))
            return null;
        // Documents of one folder sit together: decode a folder name only when it changes.
        if (_lastFolder is null || !folderBytes.SequenceEqual(_lastFolderBytes))
        {
            _lastFolderBytes = folderBytes.ToArray();
            _lastFolder = System.Text.Encoding.UTF8.GetString(folderBytes);
        }
        return (hash, _lastFolder);
    }

    /// <summary>The file <paramref name="doc"/> (with id <paramref name="id"/>) was read from, given its folder.</summary>
    public string FilePath(int doc, string id, string folder)
    {
        string? extension = null;
        if (_extensions is not null && _extensions.GetOrd(doc) >= 0)
        {
            _extensions.Get(doc, _scratch);
            extension = _scratch.Utf8ToString();
        }
        return IndexSchema.FilePath(folder, id, extension);
    }
}
