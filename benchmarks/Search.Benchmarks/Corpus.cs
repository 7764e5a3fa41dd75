using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;

namespace Search.Benchmarks;

/// <summary>
/// The documents every benchmark works on: a folder of seed-format <c>*.txt</c> files or a <c>.tar.gz</c> of one
/// (extracted once to a temp folder), chosen by <c>--corpus</c> (passed to the benchmark processes as
/// <see cref="PathVariable"/>). Without it: the Reuters-21578 archive beside the repository when present, else
/// <c>seeds/</c>. A scale factor repeats the corpus k times under distinct ids.
/// </summary>
public sealed class Corpus
{
    public const string PathVariable = "SEARCH_BENCH_CORPUS";

    private static readonly Lazy<Corpus> Shared = new(() => Load(Environment.GetEnvironmentVariable(PathVariable)));

    private Corpus(string name, string source, string folder, IReadOnlyList<CorpusFile> files)
    {
        Name = name;
        Source = source;
        Folder = folder;
        Files = files;
        Bytes = files.Sum(f => f.Bytes);
    }

    /// <summary>The corpus this process benchmarks.</summary>
    public static Corpus Current => Shared.Value;

    /// <summary>The corpus name, e.g. <c>reuters21578</c> or <c>seeds</c>; it picks the query file.</summary>
    public string Name { get; }

    /// <summary>What <c>--corpus</c> named, or the default: a folder or a <c>.tar.gz</c> archive.</summary>
    public string Source { get; }

    /// <summary>The folder holding the <c>*.txt</c> files.</summary>
    public string Folder { get; }

    public IReadOnlyList<CorpusFile> Files { get; }

    /// <summary>Bytes of all files at scale 1.</summary>
    public long Bytes { get; }

    private string DocumentCount => string.Create(CultureInfo.InvariantCulture, $"{Files.Count:N0} document{(Files.Count == 1 ? "" : "s")}");

    /// <summary>Where the reference corpus, Reuters-21578, is looked for: beside the repository.</summary>
    public static string ReferencePath() =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "corpora", "reuters21578.tar.gz"));

    public static string DefaultPath()
    {
        string reference = ReferencePath();
        return File.Exists(reference) ? reference : Path.Combine(RepositoryRoot(), "seeds");
    }

    /// <summary>
    /// Names the corpus on <paramref name="info"/> before anything is measured; when it was not
    /// <paramref name="chosen"/> and the reference corpus is missing, also says on <paramref name="warning"/> that the
    /// figures come from the fallback, so that a run on <c>seeds/</c> is never taken for one on Reuters-21578.
    /// </summary>
    public void Announce(TextWriter info, TextWriter warning, bool chosen)
    {
        info.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// Corpus: {Name}, {DocumentCount} ({Bytes:N0} bytes of text) from {Source}"));
        if (!chosen && !File.Exists(ReferencePath()))
        {
            warning.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"The reference corpus is not at {ReferencePath()}: measuring {Source} ({DocumentCount}) instead, whose figures say little. Pass --corpus PATH (benchmarks/README.md, \"Which corpus\")."));
        }
    }

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Search.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Search.sln above {AppContext.BaseDirectory}.");
    }

    public static Corpus Load(string? path)
    {
        path = Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? DefaultPath() : path);
        string folder;
        string name;
        if (path.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase))
        {
            name = Path.GetFileName(path).Split('.')[0];
            folder = Extract(path, name);
        }
        else if (Directory.Exists(path))
        {
            name = Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar));
            folder = path;
        }
        else
        {
            throw new DirectoryNotFoundException($"The corpus '{path}' is neither a folder nor a .tar.gz archive.");
        }

        List<CorpusFile> files = [.. Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new CorpusFile(f, Path.GetRelativePath(folder, f)[..^4].Replace(Path.DirectorySeparatorChar, '/'), new FileInfo(f).Length))];
        if (files.Count == 0)
            throw new InvalidOperationException($"The corpus '{path}' holds no *.txt files.");
        return new Corpus(name, path, folder, files);
    }

    /// <summary>The metadata table that gives the documents their tags, with its rows named relative to <see cref="Folder"/>:
    /// a <c>meta.tsv</c> in the folder, or in a folder just below it (as in the Reuters-21578 archive, whose documents sit
    /// in <c>reuters21578/</c>), then copied once to the temp folder with that folder put before each row's name. Null when
    /// there is none, as for <c>seeds/</c>.</summary>
    public string? Metadata => (_metadata ??= new Lazy<string?>(FindMetadata)).Value;

    private Lazy<string?>? _metadata;

    private string? FindMetadata()
    {
        string here = Path.Combine(Folder, MetadataFile);
        if (File.Exists(here))
            return here;
        string? below = Directory.EnumerateDirectories(Folder).Select(d => Path.Combine(d, MetadataFile)).Where(File.Exists).Order(StringComparer.Ordinal).FirstOrDefault();
        if (below is null)
            return null;
        string prefix = Path.GetFileName(Path.GetDirectoryName(below)!) + "/";
        string target = Path.Combine(Path.GetTempPath(), "search-bench", $"{Name}-{Files.Count}-{Bytes}-{new FileInfo(below).Length}-{MetadataFile}");
        if (File.Exists(target))
            return target;
        string[] lines = File.ReadAllLines(below);
        // The header names the columns; every other row names its document first.
        string[] rows = [lines[0], .. lines.Skip(1).Select(line => line.Length == 0 ? line : prefix + line)];
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllLines(target + ".partial", rows);
        File.Move(target + ".partial", target, overwrite: true);
        return target;
    }

    private const string MetadataFile = "meta.tsv";

    /// <summary>A folder holding the corpus <paramref name="scale"/> times (copies under <c>r0/</c>, <c>r1/</c>, ...),
    /// built once per machine. Scale 1 is the corpus folder itself.</summary>
    public string ScaledFolder(int scale)
    {
        if (scale == 1)
            return Folder;
        string target = Path.Combine(Path.GetTempPath(), "search-bench", $"{Name}-{Files.Count}-{Bytes}-x{scale}");
        string done = Path.Combine(target, ".complete");
        if (File.Exists(done))
            return target;
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        for (int copy = 0; copy < scale; copy++)
        {
            foreach (CorpusFile file in Files)
            {
                string destination = Path.Combine(target, $"r{copy}", file.Id + ".txt");
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Copy(file.Path, destination);
            }
        }
        File.WriteAllText(done, "");
        return target;
    }

    /// <summary>The corpus parsed, <paramref name="scale"/> times over with distinct ids.</summary>
    public List<SeedDocument> Documents(int scale)
    {
        SeedDocument[] once = [.. Files.Select(f => SeedDocumentReader.ReadFile(f.Path, f.Id))];
        if (scale == 1)
            return [.. once];
        var documents = new List<SeedDocument>(once.Length * scale);
        for (int copy = 0; copy < scale; copy++)
            documents.AddRange(once.Select(d => d with { Id = $"r{copy}/{d.Id}" }));
        return documents;
    }

    private static string Extract(string archive, string name)
    {
        var info = new FileInfo(archive);
        string target = Path.Combine(Path.GetTempPath(), "search-bench", $"{name}-{info.Length}");
        string done = Path.Combine(target, ".complete");
        if (File.Exists(done))
            return target;
        if (Directory.Exists(target))
            Directory.Delete(target, recursive: true);
        Directory.CreateDirectory(target);
        using (FileStream file = File.OpenRead(archive))
        using (var gzip = new GZipStream(file, CompressionMode.Decompress))
            TarFile.ExtractToDirectory(gzip, target, overwriteFiles: true);
        File.WriteAllText(done, "");
        return target;
    }
}

/// <summary>One file of the corpus: where it is, the id it gets, its size.</summary>
public sealed record CorpusFile(string Path, string Id, long Bytes);
