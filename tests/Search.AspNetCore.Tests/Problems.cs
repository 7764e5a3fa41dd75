using System.Net;
using System.Text.Json;

namespace Search.AspNetCore.Tests;

/// <summary>Checks that an error answer is an RFC 7807 problem a client can read, and nothing a stranger should see.</summary>
internal static class Problems
{
    public static async Task<JsonElement> AssertAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = ApiHost.Parse(text);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        // No stack trace, no exception type, no path of the server's source.
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        return problem;
    }

    public static async Task<JsonElement> AssertParameterAsync(HttpResponseMessage response, string parameter)
    {
        JsonElement problem = await AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(parameter, problem.GetProperty("parameter").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }
}
