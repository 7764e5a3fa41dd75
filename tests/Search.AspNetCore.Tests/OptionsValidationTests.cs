using Microsoft.Extensions.Options;

namespace Search.AspNetCore.Tests;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Search:MaxQueryLength", "0", "Search:MaxQueryLength must be at least 1 (was 0).")]
    [InlineData("Search:IndexPath", "", "Search:IndexPath is required")]
    [InlineData("Search:IndexPath", " ", "Search:IndexPath is required")]
    [InlineData("Search:MaxRequestBodyBytes", "0", "Search:MaxRequestBodyBytes must be at least 1 (was 0).")]
    [InlineData("Search:RetryAfterSeconds", "-3", "Search:RetryAfterSeconds must be at least 1 (was -3).")]
    public void A_bad_setting_stops_the_app_at_start_naming_it(string key, string value, string message)
    {
        using var host = new ApiHost((key, value));

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => host.Client);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
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
