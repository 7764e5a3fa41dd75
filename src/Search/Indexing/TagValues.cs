using System.Buffers;
using System.Collections.ObjectModel;
using System.Text;
using Lucene.Net.Util;

namespace Search.Indexing;

/// <summary>
/// The bytes of the <see cref="IndexSchema.Tags"/> doc value: the number of names, then each name followed by the number of
/// its values and the values; every count and string length 7-bit encoded, every string UTF-8, in the order given. The same
/// bytes stand for a document's metadata-table row in the content hash a folder sync keeps.
/// </summary>
internal static class TagValues
{
    /// <summary>The bytes of <paramref name="tags"/>, in a new array.</summary>
    public static byte[] Encode(IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
    {
        BytesRef bytes = new Writer().Encode(tags);
        return bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray();
    }

    /// <summary>The tags in <paramref name="bytes"/>, read-only; none for no bytes (a document without tags).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return TagRules.None;
        int at = 0;
        int names = ReadCount(bytes, ref at);
        var tags = new Dictionary<string, IReadOnlyList<string>>(names, StringComparer.Ordinal);
        for (int i = 0; i < names; i++)
        {
            string name = ReadString(bytes, ref at);
            var values = new string[ReadCount(bytes, ref at)];
            for (int j = 0; j < values.Length; j++)
                values[j] = ReadString(bytes, ref at);
            tags[name] = Array.AsReadOnly(values);
        }
        return new ReadOnlyDictionary<string, IReadOnlyList<string>>(tags);
    }

    private static int ReadCount(ReadOnlySpan<byte> bytes, ref int at)
    {
        int value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = bytes[at++];
            value |= (b & 0x7F) << shift;
            if (b < 0x80)
                return value;
        }
    }

    private static string ReadString(ReadOnlySpan<byte> bytes, ref int at)
    {
        int length = ReadCount(bytes, ref at);
        string text = Encoding.UTF8.GetString(bytes.Slice(at, length));
        at += length;
        return text;
    }

    /// <summary>Encodes into one buffer, reused from document to document. Not thread-safe.</summary>
    public sealed class Writer
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);

        /// <summary>The bytes of <paramref name="tags"/>, valid until the next call.</summary>
        public BytesRef Encode(IReadOnlyDictionary<string, IReadOnlyList<string>> tags)
        {
            _buffer.ResetWrittenCount();
            WriteCount(tags.Count);
            foreach ((string name, IReadOnlyList<string> values) in tags)
            {
                WriteString(name);
                WriteCount(values.Count);
                foreach (string value in values)
                    WriteString(value);
            }
            // The written part of the buffer's own array: Lucene copies the bytes during the add.
            ReadOnlyMemory<byte> written = _buffer.WrittenMemory;
            return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(written, out ArraySegment<byte> segment)
                ? new BytesRef(segment.Array, segment.Offset, segment.Count)
                : new BytesRef(written.ToArray());
        }

        private void WriteCount(int value)
        {
            Span<byte> span = _buffer.GetSpan(5);
            int n = 0;
            uint v = (uint)value;
            while (v >= 0x80)
            {
                span[n++] = (byte)(v | 0x80);
                v >>= 7;
            }
            span[n++] = (byte)v;
            _buffer.Advance(n);
        }

        private void WriteString(string text)
        {
            int length = Encoding.UTF8.GetByteCount(text);
            WriteCount(length);
            _buffer.Advance(Encoding.UTF8.GetBytes(text, _buffer.GetSpan(length)));
        }
    }
}
