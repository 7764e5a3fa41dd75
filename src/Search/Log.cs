using Microsoft.Extensions.Logging;

namespace Search;

/// <summary>Every message the library logs, compiled once by the logging source generator.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Opened index {Index} ({Documents} documents, read-only: {ReadOnly})")]
    public static partial void IndexOpened(ILogger logger, string index, long documents, bool readOnly);

    [LoggerMessage(2, LogLevel.Information, "Indexed {Folder}: {Added} added, {Updated} updated, {Unchanged} unchanged, {Deleted} deleted, {Failed} failed in {ElapsedMs} ms")]
    public static partial void FolderIndexed(ILogger logger, string folder, int added, int updated, int unchanged, int deleted, int failed, long elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "Skipped {Path}: {Reason}")]
    public static partial void FileSkipped(ILogger logger, string path, string reason);

    [LoggerMessage(4, LogLevel.Information, "Committed index {Index}")]
    public static partial void Committed(ILogger logger, string index);

    [LoggerMessage(6, LogLevel.Information, "Committed {Folder} on the way: {Files} of {Total} files durable")]
    public static partial void CommittedOnTheWay(ILogger logger, string folder, int files, int total);

    [LoggerMessage(7, LogLevel.Information, "{Rows} rows of the metadata table {Table} name no file in {Folder}")]
    public static partial void MetadataRowsUnmatched(ILogger logger, string table, int rows, string folder);

    [LoggerMessage(5, LogLevel.Warning, "A background merge in {Index} failed and was discarded: {Reason}")]
    public static partial void MergeFailed(ILogger logger, string index, string reason);
}
