using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Search.AspNetCore.Tests;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Search:MaxQueryLength", "0", "Search:MaxQueryLength must be at least 1 (was 0).")]
    [InlineData("Search:MaxQueryLength", "-1", "Search:MaxQueryLength must be at least 1 (was -1).")]
    [InlineData("Search:IndexPath", "", "Search:IndexPath is required")]
    [InlineData("Search:IndexPath", " ", "Search:IndexPath is required")]
    [InlineData("Search:MaxRequestBodyBytes", "-1", "Search:MaxRequestBodyBytes must be at least 1 (was -1).")]
    [InlineData("Search:RetryAfterSeconds", "-3", "Search:RetryAfterSeconds must be at least 1 (was -3).")]
    [InlineData("Search:MaxResultWindow", "0", "Search:MaxResultWindow")]
    public async Task A_bad_setting_stops_the_app_at_start_naming_it(string key, string value, string message)
    {
        using var folder = new TempFolder();
        string index = folder.Combine("index");
        // The README's registration on a host of the test's own: WebApplicationFactory's deferred start can report a
        // failed start as ObjectDisposedException, depending on which thread gets there first.
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Search:IndexPath"] = index, [key] = value });
        builder.Services.AddSearchIndex();
        await using WebApplication app = builder.Build();
        app.MapSearchApi();

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(index));
    }

    [Fact]
    public void The_sample_app_does_not_start_with_a_bad_setting()
    {
        using var host = new ApiHost(("Search:MaxQueryLength", "0"));

        // OptionsValidationException, or ObjectDisposedException when the failed app is torn down first (see above).
        Exception error = Assert.ThrowsAny<Exception>(() => host.Client);

        Assert.True(error is OptionsValidationException or ObjectDisposedException, error.ToString());
        Assert.False(Directory.Exists(host.IndexPath));
    }

    [Fact]
    public async Task Good_settings_reach_the_index()
    {
        using var host = new ApiHost(("Search:MaxQueryLength", "10"), ("Search:MaxResultWindow", "50"));

        using HttpResponseMessage longQuery = await host.Client.GetAsync(new Uri("/api/search?q=" + new string('a', 11), UriKind.Relative));
        using HttpResponseMessage deepPage = await host.Client.GetAsync(new Uri("/api/search?q=a&limit=51", UriKind.Relative));

        await Problems.AssertParameterAsync(longQuery, "q");
        await Problems.AssertParameterAsync(deepPage, "limit");
        Assert.True(Directory.Exists(host.IndexPath));
    }
}
