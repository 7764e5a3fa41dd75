using Search.Evaluation;

namespace Search.Tests.Evaluation;

public class RankingEvaluatorTests
{
    [Fact]
    public async Task Evaluate_TinyCollection_AveragesOverQueriesWithRelevantDocumentsAndWritesARunFile()
    {
        using SearchIndex index = await TestDocs.IndexOf(
            TestDocs.Doc("d1", "Wing flutter", "flutter of a wing at high speed"),
            TestDocs.Doc("d2", "Heat transfer", "heat transfer in a boundary layer"),
            TestDocs.Doc("d3", "Wing lift", "lift of a swept wing"));
        EvaluationQuery[] queries = [new("q1", "wing flutter"), new("q2", "heat"), new("q3", "nothing judged")];
        RelevanceJudgments judgments = RelevanceJudgments.From(new Dictionary<string, IReadOnlyDictionary<string, int>>
        {
            ["q1"] = new Dictionary<string, int> { ["d1"] = 2, ["d3"] = 1 },
            ["q2"] = new Dictionary<string, int> { ["d2"] = 1 },
            ["q3"] = new Dictionary<string, int> { ["d1"] = 0 },
        });
        var run = new StringWriter();

        EvaluationReport report = RankingEvaluator.Evaluate(index, queries, judgments, depth: 10, run, "test");

        Assert.Equal(2, report.Queries);
        Assert.Equal(["q3"], report.QueriesWithoutRelevant);
        Assert.Equal(1.0, report.Map, 12); // both queries rank their relevant documents first
        Assert.Equal(1.0, report.RecallAt100, 12);
        Assert.Equal(0.15, report.PrecisionAt10, 12); // (2/10 + 1/10) / 2
        string[] lines = run.ToString().TrimEnd().Split('\n');
        Assert.StartsWith("q1 Q0 d1 1 ", lines[0], StringComparison.Ordinal);
        Assert.EndsWith(" test", lines[0], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.Equal(6, l.Split(' ').Length));
    }

    [Fact]
    public void ReadFile_MalformedQrels_NamesTheLine()
    {
        using var folder = new TempFolder();
        string path = folder.Write("qrels.txt", "1 0 d1 1\n1 0 d2 high\n");

        SearchException error = Assert.Throws<SearchException>(() => RelevanceJudgments.ReadFile(path));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_QrelsWithTabsAndRepeats_KeepsTheLastGrade()
    {
        using var folder = new TempFolder();
        string path = folder.Write("qrels.tsv", "1\t0\td1\t1\n1\t0\td1\t3\n1 0 d2 -1\n");

        RelevanceJudgments judgments = RelevanceJudgments.ReadFile(path);

        Assert.Equal(3, judgments.For("1")["d1"]);
        Assert.Equal(1, judgments.RelevantCount("1"));
        Assert.Empty(judgments.For("2"));
    }

    [Theory]
    [InlineData("1 no tab here\n", "line 1")]
    [InlineData("1\tfirst\n1\tagain\n", "appears twice")]
    public void ReadFile_BadQueries_SaysWhatIsWrong(string text, string expected)
    {
        using var folder = new TempFolder();
        string path = folder.Write("queries.tsv", text);

        SearchException error = Assert.Throws<SearchException>(() => EvaluationQuery.ReadFile(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
