namespace Search;

/// <summary>A seed document that cannot be read: empty, binary, not UTF-8, with an impossible
/// header date, or over the size limit. The message names the file and the problem.</summary>
public sealed class SeedDocumentException : SearchException
{
    /// <summary>Creates the exception for <paramref name="path"/> (or the id when there is no file).</summary>
    /// <param name="path">The file, or <see langword="null"/> when the text did not come from a file.</param>
    /// <param name="id">The document id.</param>
    /// <param name="problem">What is wrong, as a sentence fragment (e.g. "the file is empty").</param>
    /// <param name="innerException">The failure behind it, if any.</param>
    public SeedDocumentException(string? path, string id, string problem, Exception? innerException = null)
        : base($"{path ?? $"Document '{id}'"}: {problem}", innerException)
    {
        Path = path;
        Id = id;
        Problem = problem;
    }

    /// <summary>The file that could not be read, or <see langword="null"/> for text given directly.</summary>
    public string? Path { get; }

    /// <summary>The id the document would have had.</summary>
    public string Id { get; }

    /// <summary>What is wrong, without the file name (e.g. "invalid UTF-8 at byte offset 12").</summary>
    public string Problem { get; }
}
