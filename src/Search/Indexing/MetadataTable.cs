using System.Globalization;
using System.Text;

namespace Search.Indexing;

/// <summary>
/// A metadata table (<see cref="DirectorySyncOptions.Metadata"/>) read into rows: the tags each names a document with,
/// and the rows that could not be used, each with its problem. Read whole before a sync indexes anything, so a missing
/// table or a bad header stops the sync at once.
/// </summary>
internal sealed class MetadataTable
{
    private MetadataTable(string path, List<MetadataRow> rows)
    {
        Path = path;
        Rows = rows;
    }

    /// <summary>The full path of the table.</summary>
    public string Path { get; }

    /// <summary>The rows after the header, in file order, good and bad.</summary>
    public IReadOnlyList<MetadataRow> Rows { get; }

    /// <summary>Reads the table at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="SearchException">It is not UTF-8 text, or has no header row or a bad column name.</exception>
    public static MetadataTable Read(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException(Directory.Exists(full)
                ? $"The metadata table '{full}' is a folder, not a file."
                : $"The metadata table '{full}' does not exist.", full);
        }
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(full));
        }
        catch (DecoderFallbackException)
        {
            throw new SearchException($"The metadata table '{full}' is not UTF-8 text; save it as UTF-8 (tab-separated) and index again.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The metadata table '{full}' cannot be read ({ExceptionText.Summary(e)}).", e);
        }
        return Parse(full, text.StartsWith('\uFEFF') ? text[1..] : text);
    }

    /// <summary>Reads the text of a table whose full path is <paramref name="path"/>.</summary>
    public static MetadataTable Parse(string path, string text)
    {
        string[] lines = text.Split('\n');
        string header = lines[0].TrimEnd('\r');
        if (header.Trim().Length == 0)
            throw new SearchException($"The metadata table '{path}' has no header row: its first line must name the columns, separated by tabs.");
        string[] names = [.. header.Split('\t').Select(name => name.Trim())];
        for (int column = 1; column < names.Length; column++)
        {
            string? problem = TagRules.NameProblem(names[column])
                ?? (Array.IndexOf(names, names[column], 1) < column ? $"the tag name \"{names[column]}\" names an earlier column too" : null);
            if (problem is not null)
            {
                throw new SearchException(string.Create(CultureInfo.InvariantCulture,
                    $"The metadata table '{path}': column {column + 1} of the header: {problem}. Each column after the first is a tag named by its header; rename it and index again."));
            }
        }

        var rows = new List<MetadataRow>(lines.Length);
        for (int line = 1; line < lines.Length; line++)
        {
            string row = lines[line].TrimEnd('\r');
            if (row.Trim().Length > 0)
                rows.Add(ParseRow(row, line + 1, names));
        }
        return new MetadataTable(path, rows);
    }

    private static MetadataRow ParseRow(string text, int line, string[] names)
    {
        string[] cells = text.Split('\t');
        string key = cells[0].Trim();
        if (cells.Length != names.Length)
        {
            return MetadataRow.Bad(line, key, string.Create(CultureInfo.InvariantCulture,
                $"it has {cells.Length} {(cells.Length == 1 ? "cell" : "cells")} where the header has {names.Length} columns"));
        }
        if (key.Length == 0)
            return MetadataRow.Bad(line, key, "its first cell is empty, so it names no document");
        var tags = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        for (int column = 1; column < names.Length; column++)
        {
            string[] values = [.. cells[column].Split(',').Select(value => value.Trim()).Where(value => value.Length > 0)];
            if (values.Length > 0)
                tags[names[column]] = values;
        }
        return TagRules.Problem(tags) is { } problem ? MetadataRow.Bad(line, key, problem) : MetadataRow.Good(line, key, tags);
    }

    /// <summary>The rows that give the documents <paramref name="ids"/> (a folder's) their tags, by id. Bad rows, and second
    /// rows for one document, come back as <paramref name="failures"/> naming the table and the row; rows that name none of
    /// the documents are left alone (one table may serve several folders) and counted in <paramref name="unmatched"/>.</summary>
    public Dictionary<string, MetadataRow> RowsFor(IEnumerable<string> ids, out List<IndexFailure> failures, out int unmatched)
    {
        var known = new HashSet<string>(ids, StringComparer.Ordinal);
        var rows = new Dictionary<string, MetadataRow>(StringComparer.Ordinal);
        failures = [];
        unmatched = 0;
        foreach (MetadataRow row in Rows)
        {
            string? id = Resolve(row.Key, known);
            string? problem = row.Problem;
            if (problem is null && id is not null && rows.TryGetValue(id, out MetadataRow? first))
                problem = string.Create(CultureInfo.InvariantCulture, $"it names the document '{id}' again (row {first.Line} named it first)");
            if (problem is not null)
            {
                string outcome = id is null ? "the row names no file of the folder"
                    : rows.ContainsKey(id) ? "the row is not used" : $"the document '{id}' is indexed without tags";
                failures.Add(new IndexFailure
                {
                    Id = id ?? row.Key,
                    Path = Path,
                    Message = string.Create(CultureInfo.InvariantCulture, $"{Path}: row {row.Line}: {problem}; {outcome}."),
                });
            }
            else if (id is null)
            {
                unmatched++;
            }
            else
            {
                rows[id] = row;
            }
        }
        return rows;
    }

    /// <summary>The id of the document that a row's first cell names, or null when it names none of <paramref name="ids"/>:
    /// the id itself, or the path with the seed files' extension.</summary>
    private static string? Resolve(string key, HashSet<string> ids)
    {
        if (key.StartsWith("./", StringComparison.Ordinal))
            key = key[2..];
        if (ids.Contains(key))
            return key;
        if (key.EndsWith(IndexSchema.DefaultExtension, StringComparison.OrdinalIgnoreCase)
            && key[..^IndexSchema.DefaultExtension.Length] is { Length: > 0 } id && ids.Contains(id))
            return id;
        return null;
    }
}

/// <summary>One row of a <see cref="MetadataTable"/>: the line it is on, the document its first cell names, and either its
/// tags (with their bytes, for the content hash) or what is wrong with it.</summary>
internal sealed record MetadataRow(int Line, string Key, IReadOnlyDictionary<string, IReadOnlyList<string>> Tags, byte[] Bytes, string? Problem)
{
    /// <summary>A usable row; one with no values at all is the same as no row, down to the content hash.</summary>
    public static MetadataRow Good(int line, string key, Dictionary<string, IReadOnlyList<string>> tags) => tags.Count == 0
        ? new(line, key, TagRules.None, [], null)
        : new(line, key, new System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyList<string>>(tags), TagValues.Encode(tags), null);

    public static MetadataRow Bad(int line, string key, string problem) => new(line, key, TagRules.None, [], problem);
}
