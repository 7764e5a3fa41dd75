using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;

namespace Search.AspNetCore.Tests;

/// <summary>An index the app cannot open: every endpoint says so with 503 and Retry-After, the health check names the
/// reason, and the app recovers once the index can be opened.</summary>
public sealed class UnavailableIndexTests
{
    public static readonly TheoryData<string> Endpoints = new()
    {
        "/api/search?q=oil",
        "/api/complete?q=oi",
        "/api/similar/news/2019/wheat",
        "/api/documents/news/2019/wheat",
        "/api/stats",
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_locked_index_is_503_with_retry_after(string url)
    {
        using var folder = new TempFolder();
        string path = folder.Combine("index");
        using (SearchIndex holder = SearchIndex.Open(path))
        {
            using var host = new ApiHost(("Search:IndexPath", path), ("Search:RetryAfterSeconds", "7"));

            using HttpResponseMessage response = await host.Client.GetAsync(new Uri(url, UriKind.Relative));

            await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_read_only_app_over_an_empty_folder_is_503_with_retry_after(string url)
    {
        using var folder = new TempFolder();
        using var host = new ApiHost(("Search:IndexPath", folder.Path), ("Search:ReadOnly", "true"));

        using HttpResponseMessage response = await host.Client.GetAsync(new Uri(url, UriKind.Relative));

        await Problems.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_write_to_a_locked_index_is_503_and_succeeds_once_the_lock_is_gone()
    {
        using var folder = new TempFolder();
        string path = folder.Combine("index");
        using var host = ApiHost.Writable(("Search:IndexPath", path));
        using HttpClient writer = host.Writer();
        using (SearchIndex holder = SearchIndex.Open(path))
        {
            using HttpResponseMessage refused = await writer.PutAsync(new Uri("/api/documents/a", UriKind.Relative), ApiHost.Body(new { title = "A" }));
            await Problems.AssertAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        using HttpResponseMessage accepted = await writer.PutAsync(new Uri("/api/documents/a", UriKind.Relative), ApiHost.Body(new { title = "A" }));

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    [Fact]
    public async Task Health_is_unhealthy_with_the_reason_when_the_index_cannot_open()
    {
        using var folder = new TempFolder();
        using var host = new ApiHost(("Search:IndexPath", folder.Path), ("Search:ReadOnly", "true"));

        using HttpResponseMessage response = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
        var health = host.Factory.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>();
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report = await health.CheckHealthAsync();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, report.Entries["search"].Status);
        Assert.Contains(folder.Path, report.Entries["search"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_recovers_once_the_index_exists()
    {
        using var folder = new TempFolder();
        using var host = new ApiHost(("Search:IndexPath", folder.Path), ("Search:ReadOnly", "true"));
        using (HttpResponseMessage before = await host.Client.GetAsync(new Uri("/health", UriKind.Relative)))
            Assert.Equal(HttpStatusCode.ServiceUnavailable, before.StatusCode);

        using (SearchIndex writer = SearchIndex.Open(folder.Path))
        {
            await writer.UpsertAsync(new SeedDocument("a", "A", "Alpha."));
            await writer.CommitAsync();
        }

        using HttpResponseMessage after = await host.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        JsonElement json = await host.GetJsonAsync("/api/search?q=alpha");
        Assert.Equal(1, json.GetProperty("totalHits").GetInt64());
    }
}
