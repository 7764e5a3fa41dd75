namespace Search.Cli;

/// <summary>A command line that asks for something impossible (e.g. both --offset and --after): exit code 2.</summary>
internal sealed class UsageException(string message, Exception? innerException = null) : Exception(message, innerException);
