using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace Search.Indexing;

/// <summary>
/// Lucene's <see cref="EnglishAnalyzer"/> chain with accents and other marks folded to ASCII, so that <c>zurich</c> and
/// <c>Zürich</c> are one word in documents and queries alike: standard tokens, English possessives dropped,
/// <see cref="ASCIIFoldingFilter"/>, lower case, stop words, Porter stemming. Text without foldable characters is
/// analysed exactly as by <see cref="EnglishAnalyzer"/>; scripts without an ASCII folding (Cyrillic, Arabic, CJK) pass
/// through unchanged. Token filters only rewrite the term, so offsets still point into the original text. Without
/// <paramref name="stem"/>, the words are left as written (folded and lower-cased): the vocabulary people type. With
/// <paramref name="capture"/>, each field's words are also caught before stemming (for indexing only: the fields then
/// keep separate token streams, since a document's fields are all analysed before any is inverted).
/// </summary>
internal sealed class FoldingEnglishAnalyzer(CharArraySet stopWords, bool stem = true, WordCapture? capture = null)
    : Analyzer(capture is null ? GLOBAL_REUSE_STRATEGY : PER_FIELD_REUSE_STRATEGY)
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        Tokenizer source = CreateTokenizer(reader);
        TokenStream result = new EnglishPossessiveFilter(Version, source);
        // Folded before lower-casing: some marks fold to capitals (small capital 'ᴀ' to 'A', 'İ' to 'I'), and stop words
        // and stems then see the same ASCII word whatever the accents.
        result = new ASCIIFoldingFilter(result);
        result = new LowerCaseFilter(Version, result);
        result = new StopFilter(Version, result, stopWords);
        if (capture is not null)
            result = capture.CatchFrom(result);
        if (stem)
            result = new PorterStemFilter(result);
        return new TokenStreamComponents(source, result);
    }

    /// <summary>The tokenizer the analysis starts with. The filters after it change words and drop some, but never move
    /// one: a word's position and offsets in the index are those this tokenizer gives it.</summary>
    public static Tokenizer CreateTokenizer(TextReader reader) => new StandardTokenizer(Version, reader);

    /// <summary>
    /// <paramref name="term"/> with its characters folded as the analyzer folds document words, for the query terms the
    /// parsers do not analyse (prefix, wildcard, fuzzy and range terms); the parsers lower-case them. With
    /// <paramref name="isPattern"/>, a folding that yields a wildcard or escape character (fullwidth '＊' folds to '*') is
    /// escaped, so that it stays a literal character as it was typed. Returns <paramref name="term"/> itself when it is
    /// all ASCII.
    /// </summary>
    public static string Fold(string term, bool isPattern)
    {
        int first = 0;
        while (first < term.Length && term[first] < '\u0080')
            first++;
        if (first == term.Length)
            return term;
        var folded = new System.Text.StringBuilder(term.Length + 8);
        folded.Append(term, 0, first);
        char[] input = new char[1];
        char[] output = new char[4]; // the longest folding of one character, e.g. '⑽' to "(10)"
        for (int i = first; i < term.Length; i++)
        {
            if (term[i] < '\u0080')
            {
                folded.Append(term[i]);
                continue;
            }
            input[0] = term[i];
            int length = ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, 1);
            for (int j = 0; j < length; j++)
            {
                if (isPattern && output[j] is '*' or '?' or '\\')
                    folded.Append('\\');
                folded.Append(output[j]);
            }
        }
        return folded.ToString();
    }
}
