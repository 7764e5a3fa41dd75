using System.Text;

namespace Search.Tests.Documents;

public sealed class SeedDocumentReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // ---- Header ----

    [Theory]
    [InlineData(" date 2021-08-14 The Taliban advance")]
    [InlineData("date 2021-08-14 The Taliban advance")]
    [InlineData("\t  date   2021-08-14   The Taliban advance  ")]
    public void Parse_DateHeader_GivesDateAndTitle(string header)
    {
        SeedDocument document = SeedDocumentReader.Parse("doc", header + "\n\nBody text.");

        Assert.Equal(new DateOnly(2021, 8, 14), document.Date);
        Assert.Equal("The Taliban advance", document.Title);
        Assert.Equal("Body text.", document.Body);
        Assert.Equal("doc", document.Id);
    }

    [Theory]
    [InlineData("Floods in Kabul", "Floods in Kabul")]
    [InlineData("date night ideas", "date night ideas")]
    [InlineData("dated 2021-08-14 headline", "dated 2021-08-14 headline")]
    [InlineData("  Headline with spaces around  ", "Headline with spaces around")]
    public void Parse_HeaderWithoutDateWord_IsWholeTitleWithoutDate(string header, string expectedTitle)
    {
        SeedDocument document = SeedDocumentReader.Parse("doc", header + "\n\nBody text.");

        Assert.Null(document.Date);
        Assert.Equal(expectedTitle, document.Title);
        Assert.Equal("Body text.", document.Body);
    }

    [Fact]
    public void Parse_LeadingBlankLines_TakeFirstNonBlankLineAsHeader()
    {
        SeedDocument document = SeedDocumentReader.Parse("doc", "\n   \n\t\n date 2021-08-14 Title\n\nBody.");

        Assert.Equal("Title", document.Title);
        Assert.Equal(new DateOnly(2021, 8, 14), document.Date);
        Assert.Equal("Body.", document.Body);
    }

    // ---- Body ----

    [Fact]
    public void Parse_Body_DropsLeadingBlankLinesAndTrailingWhiteSpaceButKeepsParagraphs()
    {
        const string text = "Title\n\n \n\nFirst paragraph,\nsecond line.\n\nSecond paragraph.\n\n\n  \n";

        SeedDocument document = SeedDocumentReader.Parse("doc", text);

        Assert.Equal("First paragraph,\nsecond line.\n\nSecond paragraph.", document.Body);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public void Parse_LineEnds_AreAcceptedAndBodyUsesLf(string newline)
    {
        string text = string.Join(newline, " date 2021-08-14 Title", "", "One,", "two.", "", "Three.", "");

        SeedDocument document = SeedDocumentReader.Parse("doc", text);

        Assert.Equal("Title", document.Title);
        Assert.Equal(new DateOnly(2021, 8, 14), document.Date);
        Assert.Equal("One,\ntwo.\n\nThree.", document.Body);
    }

    [Theory]
    [InlineData("\u2028")] // line separator
    [InlineData("\u2029")] // paragraph separator
    [InlineData("\u0085")] // next line
    [InlineData("\f")]     // form feed
    public void Parse_OtherUnicodeBreaksInLines_AreKeptWhateverTheLineEnds(string separator)
    {
        string lf = $"Head{separator}line\n\nBody{separator}text.";
        string crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);

        SeedDocument fromLf = SeedDocumentReader.Parse("doc", lf);
        SeedDocument fromCrlf = SeedDocumentReader.Parse("doc", crlf);

        Assert.Equal($"Head{separator}line", fromLf.Title);
        Assert.Equal($"Body{separator}text.", fromLf.Body);
        Assert.Equal(fromLf, fromCrlf);
    }

    [Fact]
    public void Parse_NoFinalNewline_KeepsLastLine()
    {
        SeedDocument document = SeedDocumentReader.Parse("doc", "Title\n\nLast line without newline");

        Assert.Equal("Last line without newline", document.Body);
    }

    [Theory]
    [InlineData("Only a title")]
    [InlineData("Only a title\n")]
    [InlineData("Only a title\r\n\r\n  \r\n")]
    [InlineData("\n\nOnly a title\n\n\n")]
    public void Parse_HeaderWithoutBody_GivesEmptyBody(string text)
    {
        SeedDocument document = SeedDocumentReader.Parse("doc", text);

        Assert.Equal("Only a title", document.Title);
        Assert.Equal(string.Empty, document.Body);
    }

    [Fact]
    public void Parse_ByteOrderMarkCharacter_IsSkipped()
    {
        SeedDocument document = SeedDocumentReader.Parse("doc", "\uFEFF date 2021-08-14 Title\n\nBody.");

        Assert.Equal("Title", document.Title);
        Assert.Equal(new DateOnly(2021, 8, 14), document.Date);
    }

    // ---- Parse errors ----

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\n\n")]
    [InlineData(" \t\r\n \r\n")]
    [InlineData("\uFEFF")]
    public void Parse_EmptyOrWhiteSpaceOnly_ThrowsNamingTheDocument(string text)
    {
        var error = Assert.Throws<SeedDocumentException>(() => SeedDocumentReader.Parse("news/empty", text));

        Assert.Null(error.Path);
        Assert.Equal("news/empty", error.Id);
        Assert.Contains("empty", error.Problem, StringComparison.Ordinal);
        Assert.Contains("news/empty", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NulCharacter_ThrowsBinaryWithOffset()
    {
        var error = Assert.Throws<SeedDocumentException>(() => SeedDocumentReader.Parse("doc", "Title\n\nab\0cd"));

        Assert.Contains("binary", error.Problem, StringComparison.Ordinal);
        Assert.Contains("offset 9", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2021-02-30")]
    [InlineData("2021-13-01")]
    [InlineData("2021-00-10")]
    [InlineData("2023-02-29")]
    public void Parse_ImpossibleDate_ThrowsNamingTheDate(string date)
    {
        var error = Assert.Throws<SeedDocumentException>(() => SeedDocumentReader.Parse("doc", $" date {date} Title\n\nBody."));

        Assert.Contains(date, error.Problem, StringComparison.Ordinal);
        Assert.Contains("not a real date", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LeapDay_IsARealDate()
    {
        SeedDocument document = SeedDocumentReader.Parse("doc", "date 2024-02-29 Leap day\n\nBody.");

        Assert.Equal(new DateOnly(2024, 2, 29), document.Date);
        Assert.Equal("Leap day", document.Title);
    }

    [Theory]
    [InlineData("2021-8-1")]
    [InlineData("2021-08-1")]
    [InlineData("21-08-14")]
    public void Parse_MalformedDate_ThrowsNamingTheExpectedForm(string date)
    {
        var error = Assert.Throws<SeedDocumentException>(() => SeedDocumentReader.Parse("doc", $"date {date} Title\n\nBody."));

        Assert.Contains(date, error.Problem, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedDocumentException_IsASearchException()
    {
        var error = Assert.Throws<SeedDocumentException>(() => SeedDocumentReader.Parse("doc", ""));

        Assert.IsAssignableFrom<SearchException>(error);
    }

    // ---- Files ----

    public enum Reader
    {
        Sync,
        Async,
    }

    private static async Task<SeedDocument> Read(Reader reader, string path, string id, long maxFileBytes = SeedDocumentReader.DefaultMaxFileBytes) =>
        reader == Reader.Sync
            ? SeedDocumentReader.ReadFile(path, id, maxFileBytes)
            : await SeedDocumentReader.ReadFileAsync(path, id, maxFileBytes);

    [Theory]
    [InlineData(Reader.Sync)]
    [InlineData(Reader.Async)]
    public async Task ReadFile_Utf8WithBomAndCrlf_ParsesHeaderAndBody(Reader reader)
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(" date 2021-08-14 Café news\r\n\r\nNaïve body 😀.\r\n\r\nSecond.\r\n")];
        string path = _folder.WriteBytes("bom.txt", bytes);

        SeedDocument document = await Read(reader, path, "bom");

        Assert.Equal(new SeedDocument("bom", "Café news", "Naïve body 😀.\n\nSecond.", new DateOnly(2021, 8, 14)), document);
    }

    [Theory]
    [InlineData(Reader.Sync)]
    [InlineData(Reader.Async)]
    public async Task ReadFile_SeedArticle_ParsesDateAndTitle(Reader reader)
    {
        SeedDocument document = await Read(reader, TestDocs.SeedFile, "seed");

        Assert.Equal(new DateOnly(2021, 8, 14), document.Date);
        Assert.StartsWith("The Taliban, not citizens", document.Title, StringComparison.Ordinal);
        Assert.StartsWith("Adela Raz", document.Body, StringComparison.Ordinal);
        Assert.Contains("\n\n", document.Body, StringComparison.Ordinal);
        Assert.Equal(document.Body.TrimEnd(), document.Body);
    }

    public static TheoryData<Reader, byte[], string> BadFiles()
    {
        var data = new TheoryData<Reader, byte[], string>();
        foreach (Reader reader in Enum.GetValues<Reader>())
        {
            data.Add(reader, [], "empty");
            data.Add(reader, " \r\n\t\n  "u8.ToArray(), "empty");
            data.Add(reader, [0xEF, 0xBB, 0xBF], "empty");
            data.Add(reader, [0xEF, 0xBB, 0xBF, (byte)'\n', (byte)' '], "empty");
            data.Add(reader, [.. "Title\n\nab"u8, 0, .. "cd"u8], "binary content (NUL byte at offset 9)");
            data.Add(reader, [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, 0, 0], "binary content (NUL byte at offset 8)");
            data.Add(reader, [.. "Title\n\nab"u8, 0xFF, .. "cd"u8], "invalid UTF-8 at byte offset 9");
            data.Add(reader, [0xEF, 0xBB, 0xBF, .. "Title\n\nab"u8, 0xFF], "invalid UTF-8 at byte offset 12");
            data.Add(reader, [.. "Title\n\n\u00e9\u00e9"u8, 0xC3], "invalid UTF-8 at byte offset 11");
            data.Add(reader, [.. "Title\n\n"u8, 0xC0, 0x80], "invalid UTF-8 at byte offset 7");        // overlong NUL
            data.Add(reader, [.. "Title\n\n"u8, 0xED, 0xA0, 0x80], "invalid UTF-8 at byte offset 7");  // encoded surrogate
            data.Add(reader, [.. "Caf"u8, 0xE9, .. " (Latin-1)\n\nBody"u8], "invalid UTF-8 at byte offset 3");
            data.Add(reader, "date 2021-02-30 Title\n\nBody"u8.ToArray(), "not a real date");
            data.Add(reader, "\n\ndate 2021-8-1 Title\n\nBody"u8.ToArray(), "'2021-8-1' on line 3 is not in the form YYYY-MM-DD");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task ReadFile_BadContent_ThrowsNamingPathAndProblem(Reader reader, byte[] bytes, string expectedProblem)
    {
        string path = _folder.WriteBytes("bad.txt", bytes);

        var error = await Assert.ThrowsAsync<SeedDocumentException>(() => Read(reader, path, "bad"));

        Assert.Equal(path, error.Path);
        Assert.Equal("bad", error.Id);
        Assert.Contains(expectedProblem, error.Problem, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Problem, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Reader.Sync)]
    [InlineData(Reader.Async)]
    public async Task ReadFile_OverSizeLimit_ThrowsNamingSizeAndLimit(Reader reader)
    {
        string path = _folder.Write("big.txt", "Title\n\n" + new string('x', 100)); // 107 bytes

        var error = await Assert.ThrowsAsync<SeedDocumentException>(() => Read(reader, path, "big", maxFileBytes: 106));

        Assert.Equal(path, error.Path);
        Assert.Contains("size limit", error.Problem, StringComparison.Ordinal);
        Assert.Contains("107", error.Problem, StringComparison.Ordinal);
        Assert.Contains("106", error.Problem, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Reader.Sync)]
    [InlineData(Reader.Async)]
    public async Task ReadFile_ExactlyAtSizeLimit_Reads(Reader reader)
    {
        string path = _folder.Write("edge.txt", "Title\n\n" + new string('x', 100)); // 107 bytes

        SeedDocument document = await Read(reader, path, "edge", maxFileBytes: 107);

        Assert.Equal(new string('x', 100), document.Body);
    }

    [Theory]
    [InlineData(Reader.Sync)]
    [InlineData(Reader.Async)]
    public async Task ReadFile_MissingFile_ThrowsFileNotFound(Reader reader)
    {
        string path = _folder.Combine("missing.txt");

        await Assert.ThrowsAsync<FileNotFoundException>(() => Read(reader, path, "missing"));
    }

    [Theory]
    [InlineData(Reader.Sync, 0)]
    [InlineData(Reader.Sync, -1)]
    [InlineData(Reader.Async, 0)]
    [InlineData(Reader.Async, -1)]
    public async Task ReadFile_NonPositiveSizeLimit_ThrowsArgumentOutOfRange(Reader reader, long maxFileBytes)
    {
        string path = _folder.Write("ok.txt", "Title\n\nBody");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Read(reader, path, "ok", maxFileBytes));
    }

    [Fact]
    public async Task ReadFileAsync_CancelledToken_ThrowsOperationCanceled()
    {
        string path = _folder.Write("ok.txt", "Title\n\nBody");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SeedDocumentReader.ReadFileAsync(path, "ok", cancellationToken: cancelled.Token));
    }
}
