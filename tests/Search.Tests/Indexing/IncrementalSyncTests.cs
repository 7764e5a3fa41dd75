namespace Search.Tests.Indexing;

public class IncrementalSyncTests
{
    private static string Seed(string title, string body, string date = "2021-08-14") => $" date {date} {title}\n\n{body}\n";

    [Fact]
    public async Task IndexDirectory_NewFolder_AddsEveryFileWithPathIds()
    {
        using var folder = new TempFolder();
        folder.Write("one.txt", Seed("First", "alpha"));
        folder.Write("sub/two.txt", Seed("Second", "beta"));
        folder.Write("notes.md", "not a seed file");
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(2, report.Added);
        Assert.Equal((0, 0, 0), (report.Updated, report.Unchanged, report.Deleted));
        Assert.Empty(report.Failures);
        Assert.Equal(2, index.Count);
        Assert.Equal("Second", index.Get("sub/two")?.Title);
        Assert.Equal(folder.Combine("sub", "two.txt"), index.Search(new SearchRequest("beta")).Hits.Single().Path);
    }

    [Fact]
    public async Task IndexDirectory_SecondRunWithoutChanges_SkipsEveryFile()
    {
        using var folder = new TempFolder();
        folder.Write("one.txt", Seed("First", "alpha"));
        folder.Write("two.txt", Seed("Second", "beta"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.IndexDirectoryAsync(folder.Path);

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(2, report.Unchanged);
        Assert.Equal((0, 0, 0), (report.Added, report.Updated, report.Deleted));
        Assert.Equal(0, report.BytesIndexed);
    }

    [Fact]
    public async Task IndexDirectory_AfterAddChangeAndDelete_ReportsAndAppliesEach()
    {
        using var folder = new TempFolder();
        folder.Write("keep.txt", Seed("Keep", "unchanged text"));
        folder.Write("change.txt", Seed("Change", "old wording"));
        string gone = folder.Write("gone.txt", Seed("Gone", "vanishing text"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.IndexDirectoryAsync(folder.Path);

        folder.Write("change.txt", Seed("Change", "new wording"));
        File.Delete(gone);
        folder.Write("added.txt", Seed("Added", "fresh text"));
        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal((1, 1, 1, 1), (report.Added, report.Updated, report.Unchanged, report.Deleted));
        Assert.Equal(3, index.Count);
        Assert.Null(index.Get("gone"));
        Assert.Equal(0, index.Search(new SearchRequest("vanishing")).TotalHits);
        Assert.Equal(0, index.Search(new SearchRequest("old")).TotalHits);
        Assert.Equal("new wording", index.Get("change")?.Body);
        Assert.Equal("added", index.Search(new SearchRequest("fresh")).Hits.Single().Id);
    }

    [Fact]
    public async Task IndexDirectory_BadFiles_ReportsEachAndIndexesTheRest()
    {
        using var folder = new TempFolder();
        folder.Write("good.txt", Seed("Good", "fine text"));
        folder.Write("empty.txt", "");
        folder.WriteBytes("binary.txt", [0x20, 0x00, 0x41]);
        folder.WriteBytes("latin1.txt", [.. "caf"u8, 0xE9, (byte)'\n']);
        folder.Write("baddate.txt", Seed("Bad date", "text", date: "2021-02-30"));
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(1, report.Added);
        Assert.Equal(["baddate", "binary", "empty", "latin1"], report.Failures.Select(f => f.Id));
        Assert.All(report.Failures, f => Assert.Contains(f.Path, f.Message, StringComparison.Ordinal));
        Assert.Contains("2021-02-30", report.Failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("NUL", report.Failures[1].Message, StringComparison.Ordinal);
        Assert.Contains("empty", report.Failures[2].Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 3", report.Failures[3].Message, StringComparison.Ordinal);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public async Task IndexDirectory_FileOverSizeLimit_IsReportedNotIndexed()
    {
        using var folder = new TempFolder();
        folder.Write("small.txt", Seed("Small", "tiny"));
        folder.Write("large.txt", Seed("Large", new string('x', 500)));
        using SearchIndex index = SearchIndex.InMemory(new SearchIndexOptions { MaxFileBytes = 200 });

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(1, report.Added);
        IndexFailure failure = Assert.Single(report.Failures);
        Assert.Equal("large", failure.Id);
        Assert.Contains("size limit", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexDirectory_FileTurnsBad_KeepsThePreviouslyIndexedVersion()
    {
        using var folder = new TempFolder();
        folder.Write("doc.txt", Seed("Doc", "original body"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.IndexDirectoryAsync(folder.Path);

        folder.WriteBytes("doc.txt", [0x00, 0x01]);
        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Single(report.Failures);
        Assert.Equal(0, report.Deleted);
        Assert.Equal("original body", index.Get("doc")?.Body);
    }

    [Fact]
    public async Task IndexDirectory_DocumentsUpsertedDirectly_AreNotDeletedBySync()
    {
        using var folder = new TempFolder();
        folder.Write("file.txt", Seed("File", "from a file"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.UpsertAsync(new SeedDocument("api", "From the API", "upserted"));
        await index.CommitAsync();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(0, report.Deleted);
        Assert.NotNull(index.Get("api"));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public async Task IndexDirectory_TwoFolders_SyncingOneLeavesTheOther()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        first.Write("a.txt", Seed("A", "first folder"));
        second.Write("b.txt", Seed("B", "second folder"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.IndexDirectoryAsync(first.Path);
        await index.IndexDirectoryAsync(second.Path);

        File.Delete(first.Combine("a.txt"));
        IndexReport report = await index.IndexDirectoryAsync(first.Path);

        Assert.Equal(1, report.Deleted);
        Assert.Null(index.Get("a"));
        Assert.NotNull(index.Get("b"));
    }

    [Fact]
    public async Task IndexDirectory_MissingFolder_ThrowsDirectoryNotFound()
    {
        using SearchIndex index = SearchIndex.InMemory();
        string missing = Path.Combine(Path.GetTempPath(), "search-missing-" + Guid.NewGuid().ToString("N"));

        var error = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => index.IndexDirectoryAsync(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexDirectory_WithProgress_ReportsTheFinalTotals()
    {
        using var folder = new TempFolder();
        for (int i = 0; i < 5; i++)
            folder.Write($"d{i}.txt", Seed($"Doc {i}", "body"));
        using SearchIndex index = SearchIndex.InMemory();
        var reports = new List<IndexProgress>();
        var progress = new SynchronousProgress<IndexProgress>(reports.Add);

        await index.IndexDirectoryAsync(folder.Path, progress);

        IndexProgress last = reports[^1];
        Assert.Equal((5, 5), (last.FilesDone, last.FilesTotal));
        Assert.Equal(last.BytesTotal, last.BytesDone);
        Assert.True(last.BytesTotal > 0);
    }

    [Fact]
    public async Task IndexDirectory_Cancelled_ThrowsAndKeepsTheLastCommit()
    {
        using var folder = new TempFolder();
        using SearchIndex index = SearchIndex.InMemory();
        await index.UpsertAsync(new SeedDocument("committed", "Committed", "before"));
        await index.CommitAsync();
        for (int i = 0; i < 50; i++)
            folder.Write($"d{i:D2}.txt", Seed($"Doc {i}", "body"));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => index.IndexDirectoryAsync(folder.Path, progress: null, cancel.Token));

        Assert.Equal(1, index.Count);
        Assert.NotNull(index.Get("committed"));
    }

    [Fact]
    public async Task IndexDirectory_CrlfBomAndUppercaseExtension_AreIndexed()
    {
        using var folder = new TempFolder();
        folder.WriteBytes("WINDOWS.TXT", [0xEF, 0xBB, 0xBF, .. " date 2021-01-02 Windows file\r\n\r\nLine one.\r\nLine two.\r\n"u8]);
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(1, report.Added);
        SeedDocument? document = index.Get("WINDOWS");
        Assert.NotNull(document);
        Assert.Equal("Windows file", document.Title);
        Assert.Equal(new DateOnly(2021, 1, 2), document.Date);
        Assert.Equal("Line one.\nLine two.", document.Body);
    }

    [Fact]
    public async Task IndexDirectory_TwoFoldersWithTheSameFileName_KeepTheFirstAndReportTheSecond()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        string firstFile = first.Write("x.txt", Seed("From the first", "first folder"));
        string secondFile = second.Write("x.txt", Seed("From the second", "second folder"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.IndexDirectoryAsync(first.Path);

        IndexReport clash = await index.IndexDirectoryAsync(second.Path);
        IndexReport again = await index.IndexDirectoryAsync(first.Path);

        IndexFailure failure = Assert.Single(clash.Failures);
        Assert.Equal(secondFile, failure.Path);
        Assert.Contains(firstFile, failure.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), (clash.Added, clash.Updated));
        Assert.Equal((0, 1), (again.Updated, again.Unchanged));
        Assert.Equal("From the first", index.Get("x")!.Title);
    }

    [Fact]
    public async Task IndexDirectory_FolderMovedElsewhere_TakesOverItsDocuments()
    {
        using var workspace = new TempFolder();
        workspace.Write("old/x.txt", Seed("Moved", "same text"));
        using SearchIndex index = SearchIndex.InMemory();
        await index.IndexDirectoryAsync(workspace.Combine("old"));
        Directory.Move(workspace.Combine("old"), workspace.Combine("new"));

        IndexReport report = await index.IndexDirectoryAsync(workspace.Combine("new"));

        Assert.Empty(report.Failures);
        Assert.Equal(1, report.Updated);
        Assert.Equal(1, index.Count);
        Assert.Equal(1, index.Search(new SearchRequest("moved") { Highlight = null }).TotalHits);
    }

    [Fact]
    public async Task IndexDirectory_TwoFilesWithTheSameIdByExtensionCase_IndexesOneAndReportsTheOther()
    {
        using var folder = new TempFolder();
        string lower = folder.Write("dup.txt", "Lower\n\nfrom dup.txt\n");
        string upper = folder.Write("dup.TXT", "Upper\n\nfrom dup.TXT\n");
        if (!File.Exists(lower) || File.ReadAllText(upper) == File.ReadAllText(lower))
            return; // a case-insensitive file system holds only one of them: nothing can clash
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport first = await index.IndexDirectoryAsync(folder.Path);
        IndexReport second = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(1, first.Added);
        IndexFailure clash = Assert.Single(first.Failures);
        Assert.Equal(lower, clash.Path); // ordinal order puts "dup.TXT" first, so it is the one indexed
        Assert.Contains("same id 'dup'", clash.Message, StringComparison.Ordinal);
        Assert.Equal(1, index.Count);
        Assert.Equal("Upper", index.Get("dup")!.Title);
        Assert.Equal((0, 0, 1), (second.Added, second.Updated, second.Unchanged));
        Assert.Single(second.Failures);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // FIFOs and Unix domain sockets at a path are Unix objects
    public async Task IndexDirectory_FifoSocketAndLinkToFifoNamedTxt_ReportsEachWithoutOpeningIt()
    {
        using var folder = new TempFolder();
        folder.Write("good.txt", Seed("Good", "fine text"));
        string fifo = folder.Combine("fifo.txt");
        UnixTool.Run("mkfifo", fifo);
        string link = folder.Combine("link.txt");
        File.CreateSymbolicLink(link, fifo);
        string socketPath = folder.Combine("socket.txt");
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
        socket.Bind(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
        using SearchIndex index = SearchIndex.InMemory();

        // Opening a FIFO blocks until a writer comes, so a regression would hang: the wait turns it into a failure, and a
        // writer opened afterwards releases the blocked sync so that disposing the index does not hang in turn.
        IndexReport report;
        try
        {
            report = await index.IndexDirectoryAsync(folder.Path).WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            UnixTool.Run("bash", "-c", "exec 3>\"$1\"", "bash", fifo);
            throw;
        }

        Assert.Equal(1, report.Added);
        Assert.Equal(["fifo", "link", "socket"], report.Failures.Select(f => f.Id));
        Assert.Equal($"{fifo}: is not a regular file (a FIFO).", report.Failures[0].Message);
        Assert.Equal($"{link}: is not a regular file (a symbolic link to a FIFO).", report.Failures[1].Message);
        Assert.StartsWith($"{socketPath}: is not a regular file (a socket", report.Failures[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndexDirectory_FolderLinkLoops_IndexesExactlyTheRealFiles()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", Seed("A", "first"));
        folder.Write("sub/b.txt", Seed("B", "second"));
        folder.Write("sub/deeper/c.txt", Seed("C", "third"));
        Directory.CreateSymbolicLink(folder.Combine("sub", "loop"), "..");
        Directory.CreateSymbolicLink(folder.Combine("sub", "deeper", "loop"), "..");
        Directory.CreateSymbolicLink(folder.Combine("self"), ".");
        Directory.CreateSymbolicLink(folder.Combine("again"), ".");
        Directory.CreateSymbolicLink(folder.Combine("folder.txt"), "sub");
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Empty(report.Failures);
        Assert.Equal(3, report.Added);
        Assert.Equal(3, index.Count);
        Assert.Equal(["a", "sub/b", "sub/deeper/c"], index.Search(new SearchRequest("*") { Size = 10, Highlight = null }).Hits.Select(h => h.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task IndexDirectory_FileLinks_IndexesALinkToARegularFileAtItsOwnPathAndReportsABrokenOne()
    {
        using var folder = new TempFolder();
        using var elsewhere = new TempFolder();
        string target = elsewhere.Write("article.txt", Seed("Linked", "linked text"));
        string link = folder.Combine("linked.txt");
        File.CreateSymbolicLink(link, target);
        string broken = folder.Combine("broken.txt");
        File.CreateSymbolicLink(broken, folder.Combine("nowhere.txt"));
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(1, report.Added);
        Assert.Equal(link, index.Search(new SearchRequest("linked")).Hits.Single().Path);
        Assert.Equal("Linked", index.Get("linked")?.Title);
        IndexFailure failure = Assert.Single(report.Failures);
        Assert.Equal(("broken", broken), (failure.Id, failure.Path));
        Assert.Contains("symbolic link", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // file names are bytes only on Unix
    public async Task IndexDirectory_NamesThatAreNotUtf8_ReportsEachAsSuchWithoutAnIdClash()
    {
        using var folder = new TempFolder();
        folder.Write("good.txt", Seed("Good", "fine text"));
        // .NET cannot spell these names, so bash makes them: two files and a folder, each with a byte that is not UTF-8.
        UnixTool.Run("bash", "-c", "cd \"$1\" && printf 'Bad\\n\\ntext\\n' | tee $'bad\\xff.txt' $'bad\\xfe.txt' >/dev/null && mkdir $'dir\\xff' && cp good.txt $'dir\\xff/inner.txt'", "bash", folder.Path);
        Assert.Equal(4, Directory.EnumerateFileSystemEntries(folder.Path).Count()); // the setup made three odd names
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report;
        try
        {
            report = await index.IndexDirectoryAsync(folder.Path);
        }
        finally
        {
            // .NET cannot delete what it cannot name, so the folder's clean-up would leave these behind.
            UnixTool.Run("bash", "-c", "rm -rf \"$1\"/bad* \"$1\"/dir*", "bash", folder.Path);
        }

        Assert.Equal(1, report.Added);
        Assert.Equal(["bad\uFFFD", "bad\uFFFD", "dir\uFFFD"], report.Failures.Select(f => f.Id));
        Assert.All(report.Failures, f => Assert.Contains("name is not valid UTF-8", f.Message, StringComparison.Ordinal));
        Assert.All(report.Failures, f => Assert.Contains("rename it", f.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(report.Failures, f => f.Message.Contains("same id", StringComparison.Ordinal));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public async Task IndexDirectory_HiddenFilesAndFolders_AreSkipped()
    {
        using var folder = new TempFolder();
        folder.Write("shown.txt", Seed("Shown", "visible"));
        folder.Write(".hidden.txt", Seed("Hidden", "invisible"));
        folder.Write(".git/inside.txt", Seed("Inside", "invisible"));
        using SearchIndex index = SearchIndex.InMemory();

        IndexReport report = await index.IndexDirectoryAsync(folder.Path);

        Assert.Equal(1, report.Added);
        Assert.Empty(report.Failures);
        Assert.NotNull(index.Get("shown"));
    }

    /// <summary>Unlike <see cref="Progress{T}"/>, reports on the calling thread, so the list is complete on return.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly object _sync = new();

        public void Report(T value)
        {
            lock (_sync)
                report(value);
        }
    }
}
