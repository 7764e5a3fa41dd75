using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Search.Indexing;

namespace Search.Tests.Indexing;

public sealed class FoldingEnglishAnalyzerTests
{
    [Theory]
    [InlineData("The Taliban's fighters weren't running quickly through KABUL since 2021-08-14 (3.14%)")]
    [InlineData("Kabul’s airport, O'Neil's co-op, U.S.A. e-mail x@example.com https://example.com/a?b=c")]
    [InlineData("what have they been doing: studies, studying, happiness, organization's")]
    [InlineData("Москва и Санкт-Петербург, НОВОСТИ")]
    [InlineData("أخبار من القاهرة اليوم")]
    [InlineData("東京都の天気 서울 ภาษาไทย")]
    [InlineData("Αθήνα 😀 👍🏽 ÷ ×")]
    public void Analyze_TextWithoutAnAsciiFolding_GivesWhatEnglishAnalyzerGives(string text)
    {
        // Ranking on English text and every script without a folding depends on this: only foldable marks change.
        using var english = new EnglishAnalyzer(LuceneVersion.LUCENE_48, Ranking.StopWords);
        using var folding = new FoldingEnglishAnalyzer(Ranking.StopWords);

        Assert.Equal(Tokens(english, text), Tokens(folding, text));
    }

    [Theory]
    [InlineData("Zürich", "zurich")]
    [InlineData("ZÜRICH", "Zurich")]
    [InlineData("São Paulo", "sao paulo")]
    [InlineData("Kraków", "krakow")]
    [InlineData("Mazatlán", "mazatlan")]
    [InlineData("Straße", "strasse")]
    [InlineData("Ærøskøbing", "aeroskobing")]
    [InlineData("ﬁnance", "finance")]
    [InlineData("Ｋａｂｕｌ", "kabul")]
    [InlineData("The Café", "cafe")]
    [InlineData("cafés naïve", "cafe naive")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("Diyarbakır", "diyarbakir")]
    [InlineData("Zürich’s banks", "zurich bank")]
    public void Analyze_WordWithMarks_GivesTheTermsOfItsAsciiSpelling(string marked, string ascii)
    {
        using var folding = new FoldingEnglishAnalyzer(Ranking.StopWords);

        Assert.Equal(Terms(folding, ascii), Terms(folding, marked));
        Assert.NotEmpty(Terms(folding, marked));
    }

    [Fact]
    public void Analyze_WordWithMarks_KeepsTheOffsetsOfTheOriginalWord()
    {
        const string text = "Bankers in Zürich’s old town met on Friday.";
        using var folding = new FoldingEnglishAnalyzer(Ranking.StopWords);

        (string Term, int Position, int Start, int End) zurich = Tokens(folding, text).Single(token => token.Term == "zurich");

        Assert.Equal("Zürich’s", text[zurich.Start..zurich.End]);
    }

    [Theory]
    [InlineData("zür*", true, "zur*")]
    [InlineData("Zü?ich", true, "Zu?ich")]
    [InlineData("zu＊", true, "zu\\*")]
    [InlineData("zu？＼", true, "zu\\?\\\\")]
    [InlineData("zu＊", false, "zu*")]
    [InlineData("ﬁn", false, "fin")]
    [InlineData("Москва", true, "Москва")]
    [InlineData("plain", true, "plain")]
    public void Fold_QueryTerm_FoldsLikeTheAnalyzerAndKeepsTypedCharactersLiteral(string term, bool isPattern, string expected)
    {
        Assert.Equal(expected, FoldingEnglishAnalyzer.Fold(term, isPattern));
    }

    private static List<string> Terms(Analyzer analyzer, string text) => [.. Tokens(analyzer, text).Select(token => token.Term)];

    private static List<(string Term, int Position, int Start, int End)> Tokens(Analyzer analyzer, string text)
    {
        var tokens = new List<(string, int, int, int)>();
        using TokenStream stream = analyzer.GetTokenStream(IndexSchema.Body, text);
        ICharTermAttribute term = stream.AddAttribute<ICharTermAttribute>();
        IPositionIncrementAttribute increment = stream.AddAttribute<IPositionIncrementAttribute>();
        IOffsetAttribute offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        int position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), position, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }
}
