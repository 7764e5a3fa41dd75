using System.Text;

namespace Search.Tests.Reliability;

/// <summary>
/// The inputs that overflow the stack inside Lucene.Net's parsers (thousands of nested parentheses and the like) run in
/// a child process: a stack overflow cannot be caught and would end the whole test run, while here it fails one test.
/// </summary>
public sealed class StackSafetyTests
{
    public static TheoryData<string, string> CrashProneQueries() => new()
    {
        { "100,000 opening parentheses", new string('(', 100_000) },
        { "50,000 nested groups", new string('(', 50_000) + "kabul" + new string(')', 50_000) },
        { "nested groups with operators", string.Concat(Enumerable.Repeat("(kabul AND ", 20_000)) + "war" + new string(')', 20_000) },
        { "nested negations", string.Concat(Enumerable.Repeat("-(", 20_000)) + "x" },
        { "nested fields", string.Concat(Enumerable.Repeat("title:(", 20_000)) + "kabul" },
        { "100,000 quotes", new string('"', 100_000) },
        { "a 1 MB word", new string('k', 1_000_000) },
        { "a 1 MB run of operators", string.Concat(Enumerable.Repeat("+-!", 350_000)) },
        { "thousands of terms", string.Join(' ', Enumerable.Range(0, 20_000).Select(i => "w" + i)) },
        { "thousands of wildcards", string.Join(' ', Enumerable.Range(0, 5_000).Select(i => "k*" + i + "?")) },
        { "a regular expression storm", string.Concat(Enumerable.Repeat("/.*a.{30}/ ", 2_000)) },
        { "deep simple-syntax nesting", new string('(', 100_000) + "kabul | war" },
    };

    [Theory]
    [MemberData(nameof(CrashProneQueries))]
    public async Task Search_CrashProneQuery_RunsToTheEndInAChildProcess(string description, string query)
    {
        string line = Convert.ToBase64String(Encoding.UTF8.GetBytes(query)) + "\n";

        (int exitCode, string output, string error) = await ChildProcess.RunWithInputAsync(line, "queries");

        Assert.True(exitCode == 0, $"{description}: the child exited with {exitCode}: {error}");
        Assert.Equal("ok 1", output.Trim());
    }
}
