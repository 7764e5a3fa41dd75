using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Search;

/// <summary>
/// Reads the seed-document format: a header line (<c> date YYYY-MM-DD Title</c>, or just a title),
/// then the body. A UTF-8 BOM is skipped; LF, CRLF and CR line ends are accepted.
/// </summary>
/// <remarks>Every problem raises <see cref="SeedDocumentException"/> naming the file and what is wrong,
/// so a caller indexing a folder can report the file and go on with the next one.</remarks>
public static partial class SeedDocumentReader
{
    /// <summary>The default largest file <see cref="ReadFile"/> accepts: 16 MiB.</summary>
    public const long DefaultMaxFileBytes = 16L * 1024 * 1024;

    /// <summary>Parses the text of one document.</summary>
    /// <param name="id">The id the document gets.</param>
    /// <param name="text">The whole document: header line, blank line, body.</param>
    /// <exception cref="SeedDocumentException">The text is empty, holds NUL characters or has an impossible header date.</exception>
    public static SeedDocument Parse(string id, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(text);
        int nul = text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
            throw new SeedDocumentException(null, id, $"binary content (NUL character at offset {nul}).");
        return ParseText(null, id, text);
    }

    /// <summary>Reads and parses one file.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="id">The id the document gets.</param>
    /// <param name="maxFileBytes">The largest file accepted; <see cref="DefaultMaxFileBytes"/> unless given.</param>
    /// <exception cref="SeedDocumentException">The file is empty, binary, not UTF-8, too large or has an impossible header date.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SeedDocument ReadFile(string path, string id, long maxFileBytes = DefaultMaxFileBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        return Decode(path, id, ReadBytes(path, id, maxFileBytes));
    }

    /// <summary>The file's bytes after the size check. Synchronous on purpose: for small files in the page cache,
    /// .NET's asynchronous file reads cost more than the read itself.</summary>
    internal static byte[] ReadBytes(string path, string id, long maxFileBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        CheckSize(path, id, stream.Length, maxFileBytes);
        byte[] bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <inheritdoc cref="ReadFile"/>
    /// <param name="path">The file to read.</param>
    /// <param name="id">The id the document gets.</param>
    /// <param name="maxFileBytes">The largest file accepted; <see cref="DefaultMaxFileBytes"/> unless given.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    public static async Task<SeedDocument> ReadFileAsync(string path, string id, long maxFileBytes = DefaultMaxFileBytes, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileBytes);
        byte[] bytes = await ReadBytesAsync(path, id, maxFileBytes, cancellationToken).ConfigureAwait(false);
        return Decode(path, id, bytes);
    }

    internal static async Task<byte[]> ReadBytesAsync(string path, string id, long maxFileBytes, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            CheckSize(path, id, stream.Length, maxFileBytes);
            byte[] bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            return bytes;
        }
    }

    /// <summary>Checks and decodes the raw bytes of a file; <paramref name="path"/> only names it in errors.</summary>
    internal static SeedDocument Decode(string? path, string id, ReadOnlySpan<byte> bytes)
    {
        int nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
            throw new SeedDocumentException(path, id, $"binary content (NUL byte at offset {nul}).");
        int bomLength = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        ReadOnlySpan<byte> content = bytes[bomLength..];
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            int offset = bomLength + FirstInvalidUtf8Offset(content);
            throw new SeedDocumentException(path, id, $"invalid UTF-8 at byte offset {offset}.");
        }
        return ParseText(path, id, Encoding.UTF8.GetString(content));
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static void CheckSize(string path, string id, long length, long maxFileBytes)
    {
        if (length > maxFileBytes)
        {
            throw new SeedDocumentException(path, id, string.Create(CultureInfo.InvariantCulture,
                $"the file is {length:N0} bytes, over the size limit of {maxFileBytes:N0} bytes."));
        }
    }

    private static int FirstInvalidUtf8Offset(ReadOnlySpan<byte> bytes)
    {
        int offset = 0;
        while (offset < bytes.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[offset..], out _, out int consumed) != System.Buffers.OperationStatus.Done)
                return offset;
            offset += consumed;
        }
        return offset;
    }

    private static SeedDocument ParseText(string? path, string id, string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        // Only CRLF and CR are line ends here. ReplaceLineEndings would also split lines at U+0085, U+2028,
        // U+2029 and form feed, so the same document would parse differently with CRLF than with LF.
        if (text.Contains('\r', StringComparison.Ordinal))
            text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

        int lineStart = 0;
        int lineNumber = 1;
        while (lineStart < text.Length)
        {
            int lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = text.Length;
            string line = text[lineStart..lineEnd];
            if (!string.IsNullOrWhiteSpace(line))
            {
                string body = lineEnd < text.Length ? text[(lineEnd + 1)..] : string.Empty;
                (string title, DateOnly? date) = ParseHeader(path, id, line, lineNumber);
                return new SeedDocument(id, title, TrimBlankLines(body), date);
            }
            lineStart = lineEnd + 1;
            lineNumber++;
        }
        throw new SeedDocumentException(path, id, "the file is empty.");
    }

    private static (string Title, DateOnly? Date) ParseHeader(string? path, string id, string line, int lineNumber)
    {
        Match header = DateHeader().Match(line);
        if (!header.Success)
            return (line.Trim(), null);

        string dateText = header.Groups["date"].Value;
        if (!StrictDate().IsMatch(dateText))
        {
            throw new SeedDocumentException(path, id,
                $"the header date '{dateText}' on line {lineNumber} is not in the form YYYY-MM-DD.");
        }
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            throw new SeedDocumentException(path, id, $"the header date '{dateText}' on line {lineNumber} is not a real date.");
        return (header.Groups["title"].Value.Trim(), date);
    }

    private static string TrimBlankLines(string body)
    {
        int start = 0;
        while (true)
        {
            int lineEnd = body.IndexOf('\n', start);
            if (lineEnd < 0 || !body.AsSpan(start, lineEnd - start).IsWhiteSpace())
                break;
            start = lineEnd + 1;
        }
        return body[start..].TrimEnd();
    }

    // "date" followed by something shaped like a date; "date night ideas" stays a plain title.
    [GeneratedRegex(@"^\s*date\s+(?<date>[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2})(?:\s+(?<title>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateHeader();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex StrictDate();
}
