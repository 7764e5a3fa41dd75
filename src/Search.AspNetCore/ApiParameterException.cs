namespace Search.AspNetCore;

/// <summary>A request parameter the API cannot use: answered 400, naming <see cref="Parameter"/> as the client spelled it.</summary>
internal sealed class ApiParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
