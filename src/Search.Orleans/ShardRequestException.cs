namespace Search.Orleans;

/// <summary>
/// A request error raised on a shard (a query that cannot be read, a value out of range), carried back to the coordinator,
/// which throws it again as the exception one index would have thrown: the library's exceptions carry no Orleans
/// serializer, so they cannot cross the wire themselves.
/// </summary>
[GenerateSerializer]
internal sealed class ShardRequestException : Exception
{
    public ShardRequestException()
    {
    }

    public ShardRequestException(string message) : base(message)
    {
    }

    public ShardRequestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal ShardRequestException(string kind, string message, string? paramName, string? actualValue, string? query, int? position) : base(message)
    {
        Kind = kind;
        ParamName = paramName;
        ActualValue = actualValue;
        Query = query;
        Position = position;
    }

    [Id(0)] public string Kind { get; init; } = "";

    [Id(1)] public string? ParamName { get; init; }

    [Id(2)] public string? ActualValue { get; init; }

    [Id(3)] public string? Query { get; init; }

    [Id(4)] public int? Position { get; init; }

    [Id(5)] public string Text { get; init; } = "";

    /// <summary>Runs <paramref name="work"/>, turning a request error into one of these.</summary>
    public static async Task<T> Carry<T>(Func<Task<T>> work)
    {
        try
        {
            return await work().ConfigureAwait(true);
        }
        catch (QuerySyntaxException e)
        {
            throw new ShardRequestException(nameof(QuerySyntaxException), e.Message, null, null, e.Query, e.Position) { Text = e.Message };
        }
        catch (IndexWriteException e)
        {
            // The write failed on the shard (a full disk): the caller must know, and retrying at once would not help.
            throw new ShardRequestException(nameof(IndexWriteException), e.Message, null, null, e.IndexPath, null) { Text = e.InnerException?.Message ?? e.Message };
        }
        catch (SearchException e)
        {
            throw new ShardRequestException(nameof(SearchException), e.Message, null, null, null, null) { Text = e.Message };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ShardRequestException(nameof(ArgumentOutOfRangeException), e.Message, e.ParamName, e.ActualValue?.ToString(), null, null) { Text = RawMessage(e) };
        }
        catch (ArgumentException e)
        {
            throw new ShardRequestException(nameof(ArgumentException), e.Message, e.ParamName, null, null, null) { Text = RawMessage(e) };
        }
    }

    /// <summary>The exception the shard raised, as the caller of one index would have met it.</summary>
    public Exception ToOriginal() => Kind switch
    {
        nameof(QuerySyntaxException) => new QuerySyntaxException(Query ?? "", Text, Position),
        nameof(ArgumentOutOfRangeException) => new ArgumentOutOfRangeException(ParamName, ActualValue, Text),
        nameof(IndexWriteException) => new IndexWriteException(Query ?? "", new IOException(Text)),
        nameof(SearchException) => new SearchException(Text),
        _ => new ArgumentException(Text, ParamName),
    };

    // .NET adds the parameter (and the actual value) to the message it gives; the original message is what was passed in.
    private static string RawMessage(ArgumentException e)
    {
        string message = e.Message;
        if (e is ArgumentOutOfRangeException { ActualValue: { } value })
        {
            string actual = Environment.NewLine + $"Actual value was {value}.";
            if (message.EndsWith(actual, StringComparison.Ordinal))
                message = message[..^actual.Length];
        }
        string parameter = e.ParamName is null ? "" : $" (Parameter '{e.ParamName}')";
        return parameter.Length > 0 && message.EndsWith(parameter, StringComparison.Ordinal) ? message[..^parameter.Length] : message;
    }
}
