using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Search.AspNetCore;

namespace Search.Browser.Tests;

/// <summary>
/// The search page as a user meets it: the API and the page on a real Kestrel port over an index of
/// <see cref="TestCorpus"/>, and one headless Chromium that each test opens its own browser context in.
/// </summary>
public sealed class SearchSite : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();
    private WebApplication? _app;
    private IPlaywright? _playwright;

    /// <summary>The site's root, such as http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _folder.Path });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSearchIndex(options => options.IndexPath = _folder.Combine("index"));
        _app = builder.Build();
        _app.MapSearchApi();
        _app.MapSearchPage();

        SearchIndex index = _app.Services.GetRequiredService<SearchIndex>();
        foreach (var document in TestCorpus.Documents())
            await index.UpsertAsync(document);
        await index.CommitAsync();

        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");

        string chromium = await Chromium.FindOrInstallAsync();
        // Playwright must never fetch a browser build: Debian's Chromium is the only browser these tests use.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true });
        // Waits, not timings: a loaded two-core machine running the suite in five cultures can be slow to render.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh page in its own context (no shared history or storage), at desktop width unless told otherwise.</summary>
    public async Task<IPage> OpenAsync(string pathAndQuery = "", int width = 1280, int height = 900)
    {
        IBrowserContext context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            // Numbers and dates render the same whatever culture the suite runs under.
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(BaseAddress, pathAndQuery).ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    // xunit calls this after DisposeAsync, once the index no longer holds files in the folder.
    public void Dispose() => _folder.Dispose();
}
