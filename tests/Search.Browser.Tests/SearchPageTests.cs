using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Search.Browser.Tests;

/// <summary>The search page driven as a person would: typing, clicking and reading what the page shows.</summary>
public sealed partial class SearchPageTests(SearchSite site) : IClassFixture<SearchSite>, IAsyncLifetime
{
    private readonly List<IPage> _pages = [];

    [Fact]
    public async Task Typing_InTheBox_ShowsCompletionsToPickWithTheKeyboard()
    {
        IPage page = await OpenAsync();

        await page.Locator("#q").PressSequentiallyAsync("kab");

        ILocator options = page.Locator("#completions li.completion");
        await Expect(options.First).ToContainTextAsync("kabul");
        await Expect(page.Locator("#q")).ToHaveAttributeAsync("aria-expanded", "true");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#q")).ToHaveAttributeAsync("aria-activedescendant", "completion-0");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(QueryIsKabul());
        await Expect(page.Locator("#results li.hit")).ToHaveCountAsync(10);
        await Expect(page.Locator("#completions")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Escape_ClosesTheCompletions_AndKeepsTheText()
    {
        IPage page = await OpenAsync();

        await page.Locator("#q").PressSequentiallyAsync("evac");
        await Expect(page.Locator("#completions li.completion").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.Locator("#completions")).ToBeHiddenAsync();
        await Expect(page.Locator("#q")).ToHaveValueAsync("evac");
        await Expect(page.Locator("#q")).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task Submitting_ShowsTheTotalAndHighlightedHits()
    {
        IPage page = await OpenAsync();

        await page.Locator("#q").FillAsync("airport");
        await page.Locator("#q").PressAsync("Enter");

        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", Text(TestCorpus.KabulDocuments));
        await Expect(page.Locator("#total")).ToHaveTextAsync(TotalLine());
        await Expect(page.Locator("#results li.hit")).ToHaveCountAsync(10);
        ILocator firstHit = page.Locator("#results li.hit").First;
        await Expect(firstHit.Locator(".snippet mark").First).ToHaveTextAsync(new Regex("^airport$", RegexOptions.IgnoreCase));
        await Expect(firstHit.Locator(".title")).ToContainTextAsync("Kabul evacuation update");
        await Expect(firstHit.Locator(".date")).ToHaveTextAsync(DateLabel());
        await Expect(firstHit.Locator("a.similar")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?q=airport"));

        await page.Locator("#q").BlurAsync();
        // Kept as an artifact of the run, so a reviewer can see the page without starting it.
        await Expect(page.Locator("#date-histogram .bar").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "results.png") });
    }

    [Fact]
    public async Task ClickingAFacetValue_FiltersToTheCountItShowed()
    {
        IPage page = await OpenAsync("?q=kabul");
        ILocator usa = page.Locator(".facet[data-name='places'] button.facet-value[data-value='usa']");
        await Expect(usa.Locator(".count")).ToHaveTextAsync(Text(TestCorpus.WithPlace("usa")));
        string shown = (await usa.Locator(".count").TextContentAsync())!;

        await usa.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("filter=places(%3A|:)usa"));
        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", shown);
        await Expect(page.Locator("#chips .chip")).ToContainTextAsync("places: usa");
        await Expect(page.Locator(".facet[data-name='places'] button.facet-value[data-value='usa']")).ToHaveAttributeAsync("aria-pressed", "true");

        await page.Locator("#chips .chip").ClickAsync();
        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", Text(TestCorpus.KabulDocuments));
        await Expect(page).Not.ToHaveURLAsync(new Regex("filter="));
    }

    [Fact]
    public async Task NextAndPrevious_PageByCursor()
    {
        IPage page = await OpenAsync("?q=kabul");
        ILocator titles = page.Locator("#results li.hit .title");
        await Expect(titles).ToHaveCountAsync(10);
        IReadOnlyList<string> first = await titles.AllTextContentsAsync();
        await Expect(page.Locator("#prev")).ToBeDisabledAsync();

        await page.Locator("#next").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("after="));
        await Expect(titles.First).Not.ToHaveTextAsync(first[0]);
        IReadOnlyList<string> second = await titles.AllTextContentsAsync();
        Assert.Equal(10, second.Count);
        Assert.Empty(second.Intersect(first));

        await page.Locator("#next").ClickAsync();
        await Expect(titles).ToHaveCountAsync(TestCorpus.KabulDocuments - 20);
        await Expect(page.Locator("#next")).ToBeDisabledAsync();

        await page.Locator("#prev").ClickAsync();
        await Expect(titles).ToHaveTextAsync([.. second]);
        await page.Locator("#prev").ClickAsync();
        await Expect(titles).ToHaveTextAsync([.. first]);
        await Expect(page).Not.ToHaveURLAsync(new Regex("after="));
        await Expect(page.Locator("#prev")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task OpeningAUrlWithState_RunsThatSearch()
    {
        IPage page = await OpenAsync("?q=kabul&sort=date&filter=topics:evacuation");

        await Expect(page.Locator("#q")).ToHaveValueAsync("kabul");
        await Expect(page.Locator("#sort")).ToHaveValueAsync("date");
        await Expect(page.Locator("#chips .chip")).ToContainTextAsync("topics: evacuation");
        // Newest first: the ten latest days of August, in order.
        string[] newest = [.. Enumerable.Range(15, 10).Reverse().Select(day => $"2021-08-{day:00}")];
        await Expect(page.Locator("#results li.hit .date")).ToHaveTextAsync(newest);
    }

    [Fact]
    public async Task BackButton_RestoresThePreviousSearch()
    {
        IPage page = await OpenAsync("?q=kabul");
        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", Text(TestCorpus.KabulDocuments));
        await page.Locator("#q").FillAsync("bold");
        await page.Locator("#q").PressAsync("Enter");
        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", "1");

        await page.GoBackAsync();

        await Expect(page.Locator("#q")).ToHaveValueAsync("kabul");
        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", Text(TestCorpus.KabulDocuments));
    }

    [Fact]
    public async Task Misspelling_OffersDidYouMean_AndClickingItSearches()
    {
        IPage page = await OpenAsync("?q=evacuaton&typos=off");

        ILocator suggestion = page.Locator("#suggestion a");
        await Expect(suggestion).ToHaveTextAsync("evacuation");
        await Expect(page.Locator("#suggestion")).ToHaveTextAsync("Did you mean evacuation?");
        await suggestion.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"q=evacuation(&|$)"));
        await Expect(page.Locator("#q")).ToHaveValueAsync("evacuation");
        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", Text(TestCorpus.KabulDocuments));
    }

    [Fact]
    public async Task MarkupInADocument_IsShownAsText_AndNeverRuns()
    {
        IPage page = await OpenAsync("?q=bold");

        ILocator hit = page.Locator("#results li.hit");
        await Expect(hit).ToHaveCountAsync(1);
        await Expect(hit.Locator(".title")).ToContainTextAsync(TestCorpus.Script);
        await Expect(hit.Locator(".title")).ToContainTextAsync(TestCorpus.Bold);
        await Expect(hit.Locator(".snippet").First).ToContainTextAsync(TestCorpus.Script);
        await Expect(hit.Locator(".tags")).ToContainTextAsync("<i>nowhere</i>");
        await Expect(hit.Locator(".title mark")).ToHaveCountAsync(1);
        Assert.Equal(0, await page.Locator("#results script, #results b, #results i").CountAsync());

        await hit.Locator(".title").ClickAsync();
        await Expect(page.Locator("#document")).ToBeVisibleAsync();
        await Expect(page.Locator("#document-title")).ToHaveTextAsync($"{TestCorpus.Script} {TestCorpus.Bold} notice");
        await Expect(page.Locator("#document-body")).ToContainTextAsync(TestCorpus.Script);
        Assert.Equal(0, await page.Locator("#document script, #document b").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__xss === undefined"));
    }

    [Fact]
    public async Task TheTitle_OpensTheDocument_AndCloseReturns()
    {
        IPage page = await OpenAsync("?q=kabul&sort=-date");
        await page.Locator("#results li.hit .title").First.ClickAsync();

        await Expect(page.Locator("#document")).ToBeVisibleAsync();
        await Expect(page.Locator("#document-title")).ToHaveTextAsync("Kabul evacuation update 1");
        await Expect(page.Locator("#document-body")).ToContainTextAsync("Flights left Kabul airport on day 1 of the evacuation.");
        await page.Locator("#document-close").ClickAsync();
        await Expect(page.Locator("#document")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SimilarLink_ShowsSimilarDocuments_WithTheIdInTheUrl()
    {
        IPage page = await OpenAsync("?q=kabul&sort=-date");
        // The fifth oldest, 2021-08-05: "update 1" would share its rare "1" with the markup document's "__xss=1".
        await page.Locator("#results li.hit a.similar").Nth(4).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("similar=2021(%2F|/)08(%2F|/)kabul-05.txt"));
        await Expect(page.Locator("#similar-banner")).ToContainTextAsync("Kabul evacuation update 5");
        await Expect(page.Locator("#results li.hit").First).ToBeVisibleAsync();
        await Expect(page.Locator("#sort")).ToHaveValueAsync("relevance");
        await Expect(page.Locator("#results li.hit .title").First).ToContainTextAsync("Kabul evacuation update");
        await Expect(page.Locator("#results li.hit .title", new() { HasTextRegex = new Regex("^Kabul evacuation update 5$") })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ClickingADateBar_NarrowsToThatDay()
    {
        IPage page = await OpenAsync("?q=kabul");
        ILocator bar = page.Locator("#date-histogram .bar[data-value='2021-08-05']");
        await Expect(bar).ToHaveAttributeAsync("data-count", "1");

        await bar.ClickAsync();

        await Expect(page.Locator("#from")).ToHaveValueAsync("2021-08-05");
        await Expect(page.Locator("#to")).ToHaveValueAsync("2021-08-05");
        await Expect(page.Locator("#total")).ToHaveAttributeAsync("data-total", "1");
        await Expect(page).ToHaveURLAsync(new Regex("from=2021-08-05&to=2021-08-05"));
    }

    [Fact]
    public async Task SyntaxError_ShowsTheMessageAndWhereItIs()
    {
        IPage page = await OpenAsync("?q=kabul%20AND%20(airport&syntax=lucene");

        ILocator error = page.Locator("#error");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error.Locator(".error-message")).Not.ToBeEmptyAsync();
        await Expect(error.Locator(".error-query")).ToHaveTextAsync("kabul AND (airport");
        await Expect(error.Locator(".error-position")).ToBeVisibleAsync();
        await Expect(page.Locator("#results li.hit")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PhoneWidth_HasNoHorizontalScroll()
    {
        IPage page = await OpenAsync("?q=kabul&filter=places:usa&from=2021-08-01&to=2021-08-31", width: 375, height: 812);
        await Expect(page.Locator("#results li.hit").First).ToBeVisibleAsync();
        await Expect(page.Locator("#date-histogram .bar").First).ToBeVisibleAsync();

        int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        Assert.Equal(0, overflow);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (IPage page in _pages)
            await page.Context.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(string pathAndQuery = "", int width = 1280, int height = 900)
    {
        IPage page = await site.OpenAsync(pathAndQuery, width, height);
        _pages.Add(page);
        return page;
    }

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static Regex QueryIsKabul() => new(@"\?q=kabul(&|$)");

    [GeneratedRegex(@"^\d+ results? in [\d.]+ ms$")]
    private static partial Regex TotalLine();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateLabel();
}
