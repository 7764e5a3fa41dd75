using System.Globalization;

namespace Search.Cli.Output;

/// <summary>Facets for a person: a tag as a short table of values and counts, a date histogram as a bar chart of text
/// (<c>#</c> bars, readable without colour), each under its name.</summary>
internal static class FacetRenderer
{
    /// <summary>The longest bar, in characters: the biggest bucket's.</summary>
    private const int BarWidth = 40;

    public static void Write(TextWriter output, IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> facets)
    {
        foreach ((string name, IReadOnlyList<FacetValue> values) in facets)
        {
            output.WriteLine();
            output.WriteLine(TerminalText.Line(name));
            if (values.Count == 0)
            {
                output.WriteLine("  (no values)");
                continue;
            }
            string[] labels = [.. values.Select(v => TerminalText.Line(v.Value))];
            string[] counts = [.. values.Select(v => v.Count.ToString("N0", CultureInfo.InvariantCulture))];
            int labelWidth = labels.Max(l => l.Length);
            int countWidth = counts.Max(c => c.Length);
            bool histogram = name.StartsWith("date:", StringComparison.Ordinal);
            long most = Math.Max(1, values.Max(v => v.Count));
            for (int i = 0; i < values.Count; i++)
            {
                string bar = histogram ? " " + new string('#', BarLength(values[i].Count, most)).PadRight(BarWidth) : string.Empty;
                output.WriteLine($"  {labels[i].PadRight(labelWidth)}{bar}  {counts[i].PadLeft(countWidth)}");
            }
        }
    }

    /// <summary>A bar in proportion to the biggest, at least one character for any count above zero.</summary>
    private static int BarLength(long count, long most) =>
        count == 0 ? 0 : (int)Math.Max(1, Math.Round((double)count * BarWidth / most, MidpointRounding.AwayFromZero));
}
