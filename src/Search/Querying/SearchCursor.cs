using System.Buffers.Binary;
using System.Buffers.Text;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Search.Querying;

/// <summary>
/// Encodes the sort values of the last hit on a page (its <see cref="HitOrder"/> key, then its id) as an opaque, URL-safe
/// cursor, and decodes it back into the <see cref="FieldDoc"/> Lucene's <c>SearchAfter</c> continues from. The id
/// tiebreak makes every position unique, so walking the cursors visits each hit exactly once.
/// </summary>
internal static class SearchCursor
{
    private const byte Version = 1;

    /// <summary>The cursor after <paramref name="last"/>, the last hit of a page sorted by <paramref name="sort"/>, whose
    /// score as Lucene computed it is <paramref name="score"/>.</summary>
    public static string Encode(SearchSort sort, SearchHit last, float score)
    {
        byte[] id = System.Text.Encoding.UTF8.GetBytes(last.Id);
        byte[] buffer = new byte[2 + 8 + id.Length];
        buffer[0] = Version;
        buffer[1] = (byte)sort;
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(2), HitOrder.CursorKey(sort, score, last.Date));
        id.CopyTo(buffer.AsSpan(10));
        return Base64Url.EncodeToString(buffer);
    }

    /// <exception cref="ArgumentException">The cursor is damaged or was made for another sort; the exception names
    /// <see cref="SearchRequest.After"/>, like every other check of the request.</exception>
    public static FieldDoc Decode(string after, SearchSort sort)
    {
        byte[] buffer;
        try
        {
            buffer = Base64Url.DecodeFromChars(after);
        }
        catch (FormatException e)
        {
            throw Invalid(e);
        }
        if (buffer.Length < 10 || buffer[0] != Version)
            throw Invalid();
        if (buffer[1] != (byte)sort)
        {
            throw OptionRules.Invalid(nameof(SearchRequest.After),
                $"After is a cursor made for sort {(SearchSort)buffer[1]}, not {sort}; page with the same sort that made it.");
        }
        long key = BinaryPrimitives.ReadInt64BigEndian(buffer.AsSpan(2));
        var id = new BytesRef(buffer, 10, buffer.Length - 10);
        if (!IsUtf8(id))
            throw Invalid();
        return HitOrder.After(sort, key, id) ?? throw Invalid();
    }

    private static bool IsUtf8(BytesRef bytes) => System.Text.Unicode.Utf8.IsValid(bytes.Bytes.AsSpan(bytes.Offset, bytes.Length));

    private static ArgumentException Invalid(Exception? inner = null) =>
        OptionRules.Invalid(nameof(SearchRequest.After), $"After is not a valid cursor: pass a Next value from an earlier result unchanged.", inner);
}
