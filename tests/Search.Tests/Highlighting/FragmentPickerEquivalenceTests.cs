using System.Text;
using CsCheck;
using Search.Highlighting;

namespace Search.Tests.Highlighting;

/// <summary>The n log n picker chooses exactly the windows, and sees exactly the cuts inside sentences, that the plain,
/// quadratic one does.</summary>
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

    // Text with few or no word and sentence boundaries: glued words, long runs of closing punctuation after sentence ends.
    private static readonly (string Text, bool IsMatch)[] GluedPieces =
    [
        ("kabul", true), ("Kabul", true), ("war", true), ("k", true), ("kabul taliban", true), ("x", false), ("roads", false),
        (",", false), ("-", false), ("\U0001F600", false), ("))))))))))))", false), ("\u201D\u2019\u00BB\"')]}", false),
        (".", false), ("\u2026", false), ("?!", false), (".)))))))))))))))", false),
    ];

    // Each kind keeps the pieces and separators it allows: no white space at all; white space but no sentence or line
    // end; or long runs of punctuation with a few boundaries.
    private static readonly ((string Text, bool IsMatch)[] Pieces, string[] Separators)[] GluedKinds =
    [
        (Without(" "), ["", "", ",", "-", ")"]),
        (Without(".\u2026?!"), ["", "", ",", " ", " ", "\t", "\u00A0"]),
        (GluedPieces, ["", "", "", " ", ")))))) ", "\n", ". "]),
    ];

    private static readonly Gen<(string Text, List<TextSpan> Matches)> GluedTexts =
        Gen.Select(Gen.Int[0, GluedKinds.Length - 1], Gen.Select(Gen.Int[0, 99], Gen.Int[0, 99]).Array[0, 300]).Select((kind, parts) =>
        {
            ((string Text, bool IsMatch)[] pieces, string[] separators) = GluedKinds[kind];
            return Build(pieces, separators, apart: ",", [.. parts.Select(p => (p.Item1 % pieces.Length, p.Item2 % separators.Length))]);
        });

    private static (string Text, bool IsMatch)[] Without(string characters) =>
        [.. GluedPieces.Where(p => p.Text.IndexOfAny(characters.ToCharArray()) < 0)];

    private static (string Text, List<TextSpan> Matches) Build((int Piece, int Separator)[] parts) =>
        Build(Pieces, Separators, apart: " ", parts);

    private static (string Text, List<TextSpan> Matches) Build((string Text, bool IsMatch)[] pieces, string[] separators, string apart, (int Piece, int Separator)[] parts)
    {
        var text = new StringBuilder();
        var matches = new List<TextSpan>();
        foreach ((int index, int separator) in parts)
        {
            (string word, bool isMatch) = pieces[index];
            // Glued to a previous match, a match would overlap or touch it; MatchFinder never gives that.
            string gap = text.Length == 0 ? "" : separators[separator] is "" && (isMatch || matches.Count > 0 && matches[^1].End == text.Length) ? apart : separators[separator];
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
            List<Fragment> expected = FragmentPickerReference.Pick(input.Text, input.Matches, count, size);

            List<Fragment> actual = FragmentPicker.Pick(input.Text, input.Matches, count, size);

            Assert.Equal(expected, actual);
        }, iter: 3000);
    }

    [Fact]
    public void Choose_TextsWithFewBoundaries_ChoosesTheSameWindowsAsTheReference()
    {
        Gen.Select(GluedTexts, Gen.Int[20, 600], Gen.Int[1, 100]).Sample((input, size, count) =>
        {
            List<Fragment> expected = FragmentPickerReference.Pick(input.Text, input.Matches, count, size);

            List<Fragment> actual = FragmentPicker.Pick(input.Text, input.Matches, count, size);

            Assert.Equal(expected, actual);
        }, iter: 3000);
    }

    [Theory]
    [InlineData("kabul,", 3, 160)]
    [InlineData("kabul,", 3, 1_000)]
    [InlineData("kabul,", 100, 10_000)]
    [InlineData("kabul.)))))))))) ", 3, 160)]
    [InlineData("kabul.)))))))))) ", 100, 10_000)]
    [InlineData("kabul                                    ", 3, 160)]
    [InlineData("kabul                                    ", 100, 10_000)]
    public void Choose_RepeatedGluedMatches_ChoosesTheSameWindowsAsTheReference(string piece, int count, int size)
    {
        // Long enough that a window's search for a boundary crosses several thousand characters without one.
        string text = string.Concat(Enumerable.Repeat(piece, 3_000));
        List<TextSpan> matches = [.. Enumerable.Range(0, 3_000).Select(i => new TextSpan(i * piece.Length, (i * piece.Length) + 5))];

        Assert.Equal(FragmentPickerReference.Pick(text, matches, count, size), FragmentPicker.Pick(text, matches, count, size));
    }

    [Theory]
    [InlineData(3, 160)]
    [InlineData(100, 10_000)]
    [InlineData(100, 20)]
    public void Choose_RepeatedShortSentences_ChoosesTheSameWindowsAsTheReference(int count, int size)
    {
        string text = string.Concat(Enumerable.Repeat("Kabul. ", 6_000));
        List<TextSpan> matches = [.. Enumerable.Range(0, 6_000).Select(i => new TextSpan(i * 7, (i * 7) + 5))];

        Assert.Equal(FragmentPickerReference.Pick(text, matches, count, size), FragmentPicker.Pick(text, matches, count, size));
    }
}
