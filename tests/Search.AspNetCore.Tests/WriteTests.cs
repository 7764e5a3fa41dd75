using System.Net;
using System.Text.Json;

namespace Search.AspNetCore.Tests;

public sealed class WriteTests : IDisposable
{
    private readonly ApiHost _host = ApiHost.Writable();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Put_creates_then_replaces_and_the_document_is_searchable_at_once()
    {
        using HttpClient writer = _host.Writer();
        var uri = new Uri("/api/documents/blog/2024/hello", UriKind.Relative);

        using HttpResponseMessage created = await writer.PutAsync(uri, ApiHost.Body(new
        {
            title = "Hello",
            body = "First words about lighthouses.",
            date = "2024-05-06",
            tags = new Dictionary<string, string[]> { ["topic"] = ["coast"] },
        }));
        JsonElement first = ApiHost.Parse(await created.Content.ReadAsStringAsync());
        JsonElement found = await _host.GetJsonAsync("/api/search?q=lighthouses");
        using HttpResponseMessage replaced = await writer.PutAsync(uri, ApiHost.Body(new { title = "Hello again", body = "Now about harbours." }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("blog/2024/hello", first.GetProperty("id").GetString());
        Assert.Equal("2024-05-06", first.GetProperty("date").GetString());
        Assert.Equal(["blog/2024/hello"], SearchEndpointTests.Ids(found));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        JsonElement stored = await _host.GetJsonAsync("/api/documents/blog%2F2024%2Fhello");
        Assert.Equal("Hello again", stored.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("date").ValueKind);
        Assert.Empty(stored.GetProperty("tags").EnumerateObject());
        Assert.Equal(0, (await _host.GetJsonAsync("/api/search?q=lighthouses")).GetProperty("totalHits").GetInt64());
        Assert.Equal(1, (await _host.GetJsonAsync("/api/stats")).GetProperty("documents").GetInt64());
    }

    [Fact]
    public async Task Delete_answers_204_and_the_document_is_gone()
    {
        await _host.SeedAsync(Corpus.News);
        using HttpClient writer = _host.Writer();

        using HttpResponseMessage deleted = await writer.DeleteAsync(new Uri("/api/documents/news%2F2019%2Fwheat", UriKind.Relative));
        using HttpResponseMessage again = await writer.DeleteAsync(new Uri("/api/documents/news/2019/wheat", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        await Problems.AssertAsync(again, HttpStatusCode.NotFound);
        Assert.Equal(0, (await _host.GetJsonAsync("/api/search?q=wheat")).GetProperty("totalHits").GetInt64());
        Assert.Equal(7, (await _host.GetJsonAsync("/api/stats")).GetProperty("documents").GetInt64());
    }

    [Fact]
    public async Task Post_writes_a_batch_and_answers_how_many()
    {
        using HttpClient writer = _host.Writer();
        object[] batch = [.. Corpus.Reports(12).Select(d => new { id = d.Id, title = d.Title, body = d.Body, date = d.Date })];

        using HttpResponseMessage response = await writer.PostAsync(new Uri("/api/documents", UriKind.Relative), ApiHost.Body(batch));
        using HttpResponseMessage again = await writer.PostAsync(new Uri("/api/documents", UriKind.Relative), ApiHost.Body(batch.Take(5)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement json = ApiHost.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["indexed"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(12, json.GetProperty("indexed").GetInt32());
        Assert.Equal(5, ApiHost.Parse(await again.Content.ReadAsStringAsync()).GetProperty("indexed").GetInt32());
        Assert.Equal(12, (await _host.GetJsonAsync("/api/search?q=report&limit=0")).GetProperty("totalHits").GetInt64());
    }

    [Fact]
    public async Task An_acknowledged_write_is_on_disk_when_the_app_stops()
    {
        await _host.SeedAsync(Corpus.News);
        using (HttpClient writer = _host.Writer())
        {
            using HttpResponseMessage put = await writer.PutAsync(new Uri("/api/documents/new/one", UriKind.Relative), ApiHost.Body(new { title = "One", body = "Kept." }));
            using HttpResponseMessage delete = await writer.DeleteAsync(new Uri("/api/documents/news/2021/solar", UriKind.Relative));
            using HttpResponseMessage post = await writer.PostAsync(new Uri("/api/documents", UriKind.Relative),
                ApiHost.Body(new[] { new { id = "new/two", title = "Two" }, new { id = "new/three", title = "Three" } }));
            Assert.True(put.IsSuccessStatusCode && delete.IsSuccessStatusCode && post.IsSuccessStatusCode);
        }

        _host.Stop();
        using SearchIndex reopened = SearchIndex.Open(_host.IndexPath);

        Assert.Equal("One", reopened.Get("new/one")?.Title);
        Assert.Equal("Kept.", reopened.Get("new/one")?.Body);
        Assert.NotNull(reopened.Get("new/two"));
        Assert.NotNull(reopened.Get("new/three"));
        Assert.Null(reopened.Get("news/2021/solar"));
        Assert.Equal(8 + 3 - 1, reopened.Count);
    }

    [Fact]
    public async Task Searches_during_bulk_writes_all_succeed_and_every_document_is_counted()
    {
        const int Writers = 3;
        const int BatchesEach = 6;
        const int BatchSize = 20;
        using var done = new CancellationTokenSource();

        async Task<int> WriteAsync(int writerNumber)
        {
            using HttpClient writer = _host.Writer();
            for (int b = 0; b < BatchesEach; b++)
            {
                object[] batch = [.. Corpus.Reports(BatchSize, $"w{writerNumber}/b{b}/").Select(d => new { id = d.Id, title = d.Title, body = d.Body, date = d.Date })];
                using HttpResponseMessage response = await writer.PostAsync(new Uri("/api/documents", UriKind.Relative), ApiHost.Body(batch));
                string text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            }
            return BatchesEach * BatchSize;
        }

        async Task<int> SearchAsync()
        {
            int searches = 0;
            long seen = 0;
            while (!done.IsCancellationRequested || searches == 0)
            {
                using HttpResponseMessage response = await _host.Client.GetAsync(new Uri("/api/search?q=report&limit=5&facet=date:year", UriKind.Relative));
                string text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, text);
                long total = ApiHost.Parse(text).GetProperty("totalHits").GetInt64();
                // Every batch is one commit, so a search sees whole batches, and never fewer documents than before.
                Assert.Equal(0, total % BatchSize);
                Assert.True(total >= seen, $"{total} after {seen}");
                seen = total;
                searches++;
            }
            return searches;
        }

        Task<int>[] searchers = [.. Enumerable.Range(0, 3).Select(_ => Task.Run(SearchAsync))];
        int[] written = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w))));
        done.Cancel();
        int[] searches = await Task.WhenAll(searchers);

        Assert.All(searches, count => Assert.True(count > 0));
        JsonElement final = await _host.GetJsonAsync("/api/search?q=report&limit=0");
        Assert.Equal(written.Sum(), final.GetProperty("totalHits").GetInt64());
        Assert.Equal(written.Sum(), (await _host.GetJsonAsync("/api/stats")).GetProperty("documents").GetInt64());
    }
}
