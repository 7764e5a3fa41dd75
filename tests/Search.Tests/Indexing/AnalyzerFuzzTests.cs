using CsCheck;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Search.Indexing;

namespace Search.Tests.Indexing;

/// <summary>
/// Random Unicode through the analyzer that indexes, parses and highlights, from two threads at once: it never throws,
/// keeps the token stream contract, and reports offsets that are ordered and inside the text, which highlighting relies on.
/// </summary>
public sealed class AnalyzerFuzzTests
{
    private static readonly Gen<string> Texts = Gen.Frequency(
        (3, Gen.String[Gen.Char, 0, 300]),
        (3, Gen.String[Gen.Char["aeiouKLMN '-.,;:!?\n\t0123456789éßİı🚀\u0301\u200f"], 0, 300]),
        (1, Gen.OneOf("U.S.A.", "e-mail", "O'Neil's", "co-op", "3.14", "1,000", "www.example.com", "a@b.org", "ﬁnance", "ＫＡＢＵＬ")
            .Array[0, 40].Select(parts => string.Join(' ', parts))));

    [Theory]
    [InlineData(IndexSchema.Title)]
    [InlineData(IndexSchema.Body)]
    [InlineData(IndexSchema.Id)]
    public void Analyze_AnyText_KeepsOffsetsOrderedAndInsideTheText(string field)
    {
        using Analyzer analyzer = IndexSchema.CreateAnalyzer();

        Texts.Sample(text =>
        {
            using TokenStream tokens = analyzer.GetTokenStream(field, text);
            IOffsetAttribute offset = tokens.AddAttribute<IOffsetAttribute>();
            IPositionIncrementAttribute increment = tokens.AddAttribute<IPositionIncrementAttribute>();
            ICharTermAttribute term = tokens.AddAttribute<ICharTermAttribute>();
            tokens.Reset();
            int lastStart = 0;
            while (tokens.IncrementToken())
            {
                Assert.InRange(offset.StartOffset, lastStart, offset.EndOffset);
                Assert.InRange(offset.EndOffset, offset.StartOffset, text.Length);
                Assert.True(increment.PositionIncrement >= 0, "negative position increment");
                Assert.True(term.Length > 0 || field == IndexSchema.Id, "empty term");
                lastStart = offset.StartOffset;
            }
            tokens.End();
            Assert.InRange(offset.EndOffset, 0, text.Length);
        }, iter: 3_000, threads: 2);
    }
}
