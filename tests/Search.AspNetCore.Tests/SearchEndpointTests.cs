using System.Text.Json;

namespace Search.AspNetCore.Tests;

public sealed class SearchEndpointTests : IAsyncLifetime, IDisposable
{
    private readonly ApiHost _host = new();

    public Task InitializeAsync() => _host.SeedAsync(Corpus.News);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Search_answers_the_command_lines_field_names()
    {
        JsonElement json = await _host.GetJsonAsync("/api/search?q=oil&facet=topic");

        Assert.Equal(["query", "totalHits", "tookMs", "hits", "next", "suggestion", "facets"], Names(json));
        Assert.Equal("oil", json.GetProperty("query").GetString());
        Assert.Equal(3, json.GetProperty("totalHits").GetInt64());
        Assert.True(json.GetProperty("tookMs").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("next").ValueKind);
        JsonElement hit = json.GetProperty("hits")[0];
        Assert.Equal(["id", "score", "date", "title", "titleHighlighted", "snippets", "path", "tags"], Names(hit));
        Assert.True(hit.GetProperty("score").GetSingle() > 0);
        JsonElement glut = json.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == "news/2020/oil-glut");
        Assert.Equal("2020-04-20", glut.GetProperty("date").GetString());
        Assert.Equal("Oil glut deepens", glut.GetProperty("title").GetString());
        Assert.Equal("<mark>Oil</mark> glut deepens", glut.GetProperty("titleHighlighted").GetString());
        Assert.Contains(glut.GetProperty("snippets").EnumerateArray(), s => s.GetString()!.Contains("<mark>oil</mark>", StringComparison.Ordinal));
        Assert.Equal(["energy"], glut.GetProperty("tags").GetProperty("topic").EnumerateArray().Select(v => v.GetString()));
        JsonElement undated = json.GetProperty("hits").EnumerateArray().Single(h => h.GetProperty("id").GetString() == "notes/undated");
        Assert.Equal(JsonValueKind.Null, undated.GetProperty("date").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("facets").GetProperty("topic").ValueKind);
    }

    [Fact]
    public async Task Snippets_mark_only_the_matches_and_encode_the_text()
    {
        await _host.SeedAsync([new SeedDocument("html", "Tags <b>here</b>", "A body with <script>alert(1)</script> and oil & gas.")]);

        JsonElement hit = (await _host.GetJsonAsync("/api/search?q=id:html%20OR%20script")).GetProperty("hits")[0];

        string snippet = hit.GetProperty("snippets")[0].GetString()!;
        Assert.Contains("&lt;<mark>script</mark>&gt;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_is_the_librarys_own_search()
    {
        await _host.SeedAsync(Corpus.Reports(30));
        var request = new SearchRequest("oil OR report") { Size = 15, Offset = 5, Sort = SearchSort.Relevance };

        JsonElement json = await _host.GetJsonAsync("/api/search?q=oil%20OR%20report&limit=15&offset=5");
        SearchResults library = _host.Index.Search(request);

        Assert.Equal(library.TotalHits, json.GetProperty("totalHits").GetInt64());
        Assert.Equal(library.Hits.Select(h => h.Id), Ids(json));
        Assert.Equal(library.Hits.Select(h => h.Score), json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("score").GetSingle()));
        Assert.Equal(library.Next, json.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Syntax_chooses_how_the_query_is_read()
    {
        JsonElement lucene = await _host.GetJsonAsync("/api/search?q=oil%20AND%20NOT%20crude");
        JsonElement simple = await _host.GetJsonAsync("/api/search?q=oil%20AND%20NOT%20crude&syntax=simple");
        JsonElement broken = await _host.GetJsonAsync("/api/search?q=%22oil%20(&syntax=simple");

        Assert.Equal(["notes/undated"], Ids(lucene));
        Assert.NotEqual(Ids(lucene).Order(StringComparer.Ordinal), Ids(simple).Order(StringComparer.Ordinal));
        Assert.True(broken.GetProperty("totalHits").GetInt64() > 0);
    }

    [Fact]
    public async Task Typos_auto_forgives_a_misspelt_word_and_off_does_not()
    {
        JsonElement auto = await _host.GetJsonAsync("/api/search?q=harvset&syntax=simple");
        JsonElement off = await _host.GetJsonAsync("/api/search?q=harvset&syntax=simple&typos=off");

        Assert.Equal(["news/2019/wheat"], Ids(auto));
        Assert.Equal(0, off.GetProperty("totalHits").GetInt64());
        Assert.Equal("harvest", off.GetProperty("suggestion").GetString());
    }

    [Fact]
    public async Task AsYouType_matches_the_last_word_as_a_prefix()
    {
        JsonElement typing = await _host.GetJsonAsync("/api/search?q=coff&syntax=simple&asYouType=true&typos=off");
        JsonElement finished = await _host.GetJsonAsync("/api/search?q=coff&syntax=simple&asYouType=false&typos=off");

        Assert.Equal(["news/2021/coffee"], Ids(typing));
        Assert.Empty(Ids(finished));
    }

    [Fact]
    public async Task From_and_to_keep_the_days_between_them()
    {
        JsonElement json = await _host.GetJsonAsync("/api/search?q=*&from=2020-03-15&to=2021-06-01&limit=100");

        Assert.Equal(["news/2020/bank-rates", "news/2020/oil-glut", "news/2021/solar"], Ids(json).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sort_by_date_orders_newest_or_oldest_first()
    {
        JsonElement newest = await _host.GetJsonAsync("/api/search?q=prices&sort=date");
        JsonElement oldest = await _host.GetJsonAsync("/api/search?q=prices&sort=-date");

        string[] expected = ["news/2022/gas", "news/2021/coffee", "news/2020/oil-glut", "news/2019/oil-prices"];
        Assert.Equal(expected, Ids(newest));
        Assert.Equal(expected.Reverse(), Ids(oldest));
    }

    [Fact]
    public async Task Limit_and_offset_cut_pages_out_of_one_order()
    {
        JsonElement all = await _host.GetJsonAsync("/api/search?q=*&sort=-date&limit=100");
        JsonElement page = await _host.GetJsonAsync("/api/search?q=*&sort=-date&limit=3&offset=2");
        JsonElement count = await _host.GetJsonAsync("/api/search?q=*&limit=0");

        Assert.Equal(Ids(all).Skip(2).Take(3), Ids(page));
        Assert.Equal(8, page.GetProperty("totalHits").GetInt64());
        Assert.Empty(Ids(count));
        Assert.Equal(8, count.GetProperty("totalHits").GetInt64());
    }

    [Fact]
    public async Task Fragments_and_fragmentSize_shape_the_snippets()
    {
        string body = string.Join(" ", Enumerable.Range(0, 60).Select(i => i % 10 == 0 ? "pipeline" : "filler" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await _host.SeedAsync([new SeedDocument("long", "Long", body)]);

        JsonElement none = (await _host.GetJsonAsync("/api/search?q=pipeline&fragments=0")).GetProperty("hits")[0];
        JsonElement two = (await _host.GetJsonAsync("/api/search?q=pipeline&fragments=2&fragmentSize=40")).GetProperty("hits")[0];

        Assert.Empty(none.GetProperty("snippets").EnumerateArray());
        string[] snippets = [.. two.GetProperty("snippets").EnumerateArray().Select(s => s.GetString()!)];
        Assert.Equal(2, snippets.Length);
        // The size counts the document's text: the tags and the ellipsis are not part of it.
        Assert.All(snippets, s => Assert.True(TextOf(s).Length <= 40, s));
        JsonElement wide = (await _host.GetJsonAsync("/api/search?q=pipeline&fragments=1&fragmentSize=400")).GetProperty("hits")[0];
        Assert.True(TextOf(wide.GetProperty("snippets")[0].GetString()!).Length > 40);
    }

    private static string TextOf(string snippet) =>
        snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal).Replace("…", "", StringComparison.Ordinal);

    internal static string[] Ids(JsonElement results) =>
        [.. results.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetString()!)];

    private static string[] Names(JsonElement json) => [.. json.EnumerateObject().Select(p => p.Name)];
}
