using System.Text;
using CsCheck;
using Search.Highlighting;

namespace Search.Tests.Highlighting;

/// <summary>The n log n picker chooses exactly the windows the original, quadratic one chose.</summary>
public sealed class FragmentPickerEquivalenceTests
{
    // Words, punctuation and glue that exercise the sentence, word and match rules; the bool marks a match.
    private static readonly (string Text, bool IsMatch)[] Pieces =
    [
        ("a", false), ("of", false), ("the", false), ("river", false), ("extraordinarily", false), ("\U0001F600", false),
        ("roads,", false), ("(field)", false), ("\u201Cquoted\u201D", false), (".", false), ("!", false), ("?\u201D", false),
        ("-related", false), ("x", false), ("kabul", true), ("Kabul", true), ("KABUL", true), ("k", true), ("war", true),
        ("psychological war", true), ("kabul taliban", true), ("taliban kabul taliban kabul taliban", true),
    ];

    private static readonly string[] Separators = [" ", " ", " ", "  ", "\n", "\n\n", ". ", "! ", "", "\t"];

    private static readonly Gen<(string Text, List<TextSpan> Matches)> Texts =
        Gen.Select(Gen.Int[0, Pieces.Length - 1], Gen.Int[0, Separators.Length - 1]).Array[0, 300].Select(Build);

    private static (string Text, List<TextSpan> Matches) Build((int Piece, int Separator)[] parts)
    {
        var text = new StringBuilder();
        var matches = new List<TextSpan>();
        foreach ((int piece, int separator) in parts)
        {
            (string word, bool isMatch) = Pieces[piece];
            // Glued to a previous match, a match would overlap or touch it; MatchFinder never gives that.
            string gap = text.Length == 0 ? "" : Separators[separator] is "" && (isMatch || matches.Count > 0 && matches[^1].End == text.Length) ? " " : Separators[separator];
            text.Append(gap);
            if (isMatch)
                matches.Add(new TextSpan(text.Length, text.Length + word.Length));
            text.Append(word);
        }
        return (text.ToString(), matches);
    }

    [Fact]
    public void Choose_RandomTextsSizesAndCounts_ChoosesTheSameWindowsAsTheReference()
    {
        Gen.Select(Texts, Gen.Int[20, 600], Gen.Int[1, 100]).Sample((input, size, count) =>
        {
            List<TextSpan> expected = FragmentPickerReference.Choose(input.Text, input.Matches, count, size);

            List<TextSpan> actual = FragmentPicker.Choose(input.Text, input.Matches, count, size);

            Assert.Equal(expected, actual);
        }, iter: 3000);
    }

    [Theory]
    [InlineData(3, 160)]
    [InlineData(100, 10_000)]
    [InlineData(100, 20)]
    public void Choose_RepeatedShortSentences_ChoosesTheSameWindowsAsTheReference(int count, int size)
    {
        string text = string.Concat(Enumerable.Repeat("Kabul. ", 6_000));
        List<TextSpan> matches = [.. Enumerable.Range(0, 6_000).Select(i => new TextSpan(i * 7, (i * 7) + 5))];

        Assert.Equal(FragmentPickerReference.Choose(text, matches, count, size), FragmentPicker.Choose(text, matches, count, size));
    }
}
