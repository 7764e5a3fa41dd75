using Lucene.Net.Index;
using Lucene.Net.Store;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace Search.Indexing;

/// <summary>
/// One commit of an index, held open: every file the commit references is opened when it is pinned, and this read-only
/// directory shows exactly those files (no <c>segments.gen</c>, nothing newer) and reads them through the open handles.
/// A writer in another process deletes the files of the commits it supersedes; an open file stays readable after it is
/// deleted (on Linux and macOS; Windows refuses the delete and Lucene retries it later), so the commit stays whole for
/// as long as this directory is open.
/// </summary>
/// <remarks>Built on <see cref="BaseDirectory"/> rather than Lucene's <c>FilterDirectory</c>: that class forwards writes,
/// locks and the disposal of the folder's directory, none of which belongs to a pinned commit.</remarks>
internal sealed class PinnedCommitDirectory : BaseDirectory
{
    private readonly Dictionary<string, IndexInput> _inputs;

    private PinnedCommitDirectory(string segmentsFileName, Dictionary<string, IndexInput> inputs)
    {
        SegmentsFileName = segmentsFileName;
        _inputs = inputs;
        SetLockFactory(NoLockFactory.GetNoLockFactory());
    }

    /// <summary>The commit's <c>segments_N</c> file.</summary>
    public string SegmentsFileName { get; }

    /// <summary>Pins the latest commit in <paramref name="directory"/>. Returns null when a newer commit replaced it while
    /// its files were being opened (try again). A file missing while the commit is still the latest is left out, so that
    /// reading it fails as it would in the folder.</summary>
    /// <exception cref="IOException">No commit can be read (Lucene's <see cref="SegmentInfos.Read(LuceneDirectory)"/>).</exception>
    public static PinnedCommitDirectory? TryPin(LuceneDirectory directory)
    {
        var commit = new SegmentInfos();
        commit.Read(directory);
        var inputs = new Dictionary<string, IndexInput>(StringComparer.Ordinal);
        try
        {
            foreach (string name in commit.GetFiles(directory, includeSegmentsFile: true))
            {
                try
                {
                    inputs[name] = directory.OpenInput(name, IOContext.READ);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    // A writer deletes a commit's files only after writing the commit that replaces it.
                    if (SegmentInfos.GetLastCommitGeneration(directory) != commit.Generation)
                    {
                        DisposeAll(inputs);
                        return null;
                    }
                }
            }
            return new PinnedCommitDirectory(commit.GetSegmentsFileName(), inputs);
        }
        catch
        {
            DisposeAll(inputs);
            throw;
        }
    }

    public override string[] ListAll()
    {
        EnsureOpen();
        return [.. _inputs.Keys];
    }

    [Obsolete("Lucene 4.8 API, kept for the contract")]
    public override bool FileExists(string name)
    {
        EnsureOpen();
        return _inputs.ContainsKey(name);
    }

    public override long FileLength(string name) => Pinned(name).Length;

    public override IndexInput OpenInput(string name, IOContext context) => (IndexInput)Pinned(name).Clone();

    public override void DeleteFile(string name) => throw ReadOnly();

    public override IndexOutput CreateOutput(string name, IOContext context) => throw ReadOnly();

    public override void Sync(ICollection<string> names) => throw ReadOnly();

    public override string ToString() => $"{nameof(PinnedCommitDirectory)}({SegmentsFileName})";

    protected override void Dispose(bool disposing)
    {
        if (CompareAndSetIsOpen(expect: true, update: false) && disposing)
            DisposeAll(_inputs);
    }

    private IndexInput Pinned(string name)
    {
        EnsureOpen();
        return _inputs.TryGetValue(name, out IndexInput? input)
            ? input
            : throw new FileNotFoundException($"'{name}' is not a file of the commit {SegmentsFileName}.", name);
    }

    private static NotSupportedException ReadOnly() => new("A pinned commit is read-only.");

    private static void DisposeAll(Dictionary<string, IndexInput> inputs)
    {
        foreach (IndexInput input in inputs.Values)
            input.Dispose();
        inputs.Clear();
    }
}
