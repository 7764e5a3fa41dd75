using Lucene.Net.Analysis;
using Lucene.Net.Search;
using Search.Indexing;

namespace Search.Highlighting;

/// <summary>
/// Highlights hits of one query. Built once per search; <see cref="Highlight"/> is then a function of a hit's
/// text alone, which keeps it easy to test and to benchmark.
/// </summary>
internal sealed class HitHighlighter(HighlightQuery query, Analyzer analyzer, HighlightOptions options)
{
    /// <summary>The highlighting of one hit, or <see langword="null"/> when <paramref name="deadline"/> passes before it
    /// is done: a hit is highlighted whole or not at all. <paramref name="doc"/> is the hit's document in the reader the
    /// query was prepared for; a query prepared with phrases needs it.</summary>
    public HighlightedText? Highlight(string title, string body, Deadline deadline, int? doc)
    {
        if (deadline.HasPassed
            || MatchFinder.Find(query, analyzer, IndexSchema.Title, title, deadline, doc) is not { } titleMatches
            || MatchFinder.Find(query, analyzer, IndexSchema.Body, body, deadline, doc) is not { } bodyMatches
            || FragmentPicker.Pick(body, bodyMatches, options.Fragments, options.FragmentSize, deadline) is not { } fragments)
        {
            return null;
        }

        string highlightedTitle = Markup.Render(title, new TextSpan(0, title.Length), titleMatches, options, collapseWhiteSpace: false);
        var snippets = new string[fragments.Count];
        for (int i = 0; i < fragments.Count; i++)
            snippets[i] = Markup.Render(body, fragments[i], bodyMatches, options);

        var matches = new HighlightMatch[titleMatches.Count + bodyMatches.Count];
        int next = 0;
        foreach (TextSpan match in titleMatches)
            matches[next++] = new HighlightMatch { Field = HighlightMatch.TitleField, Start = match.Start, End = match.End };
        foreach (TextSpan match in bodyMatches)
        {
            // Millions of matches take a tenth of a second to copy, which the budget must cover too.
            if (next % Deadline.CheckInterval == 0 && deadline.HasPassed)
                return null;
            matches[next++] = new HighlightMatch { Field = HighlightMatch.BodyField, Start = match.Start, End = match.End };
        }
        return new HighlightedText(highlightedTitle, snippets, matches);
    }

    /// <summary>The title as a highlighted title would be written (encoded as the options say) but without marks, for a
    /// hit the time budget left unhighlighted: a page that shows highlighted titles as HTML stays safe.</summary>
    public static string Unmarked(string title, HighlightOptions options) =>
        Markup.Render(title, new TextSpan(0, title.Length), [], options, collapseWhiteSpace: false);
}

/// <summary>The highlighting of one hit.</summary>
internal sealed record HighlightedText(string Title, IReadOnlyList<string> Snippets, IReadOnlyList<HighlightMatch> Matches);
