using System.Globalization;

namespace Search.Benchmarks;

/// <summary>The command-line arguments of the console reports (the embedding report, the sharded-index report): named
/// values taken out of the list one by one, and a usage error that ends the report with exit code 2.</summary>
internal static class ReportArguments
{
    /// <summary>The value after <paramref name="name"/>, removed with it from <paramref name="args"/>; null when absent.</summary>
    public static string? Take(List<string> args, string name)
    {
        int at = args.IndexOf(name);
        if (at < 0)
            return null;
        if (at + 1 >= args.Count)
            Environment.Exit(Usage($"{name} needs a value after it."));
        string value = args[at + 1];
        args.RemoveRange(at, 2);
        return value;
    }

    /// <summary>The whole number after <paramref name="name"/>, at least <paramref name="minimum"/>; <paramref name="fallback"/>
    /// when absent.</summary>
    public static int TakeCount(List<string> args, string name, int fallback, int minimum)
    {
        string? text = Take(args, name);
        if (text is null)
            return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < minimum)
            Environment.Exit(Usage($"{name} takes a whole number from {minimum} up, not '{text}'."));
        return value;
    }

    /// <summary>Writes <paramref name="message"/> on stderr and returns the usage exit code, 2.</summary>
    public static int Usage(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
