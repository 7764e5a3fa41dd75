using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Search.AspNetCore.Tests;

/// <summary>The sample app (the README's example) hosted in memory over an index in a temporary folder, with its
/// <c>Search</c> settings overridden per test; disposing it stops the app and deletes the folder.</summary>
internal sealed class ApiHost : IDisposable
{
    public const string Key = "test-key";

    // WebApplicationFactory starts the app on its first client without a lock: two first clients at once would start
    // two apps over one folder.
    private readonly Lock _gate = new();
    private readonly TempFolder _folder;
    private readonly bool _ownsFolder;
    private WebApplicationFactory<Program>? _factory;
    private HttpClient? _client;

    /// <param name="settings">Configuration keys and values, e.g. <c>("Search:ApiKey", "k")</c>; Search:IndexPath defaults to
    /// a fresh folder's <c>index</c>.</param>
    public ApiHost(params (string Key, string? Value)[] settings)
        : this(new TempFolder(), ownsFolder: true, settings)
    {
    }

    private ApiHost(TempFolder folder, bool ownsFolder, (string Key, string? Value)[] settings)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        IndexPath = settings.FirstOrDefault(s => s.Key == "Search:IndexPath").Value ?? folder.Combine("index");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Search:IndexPath", IndexPath);
            foreach ((string key, string? value) in settings)
                builder.UseSetting(key, value);
        });
    }

    /// <summary>A host with the write endpoints on (the API key <see cref="Key"/>).</summary>
    public static ApiHost Writable(params (string Key, string? Value)[] settings) => new([("Search:ApiKey", Key), .. settings]);

    public string IndexPath { get; }

    public TempFolder Folder => _folder;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new ObjectDisposedException(nameof(ApiHost));

    /// <summary>A client of the app; the first call starts it.</summary>
    public HttpClient Client
    {
        get
        {
            lock (_gate)
                return _client ??= Factory.CreateClient();
        }
    }

    /// <summary>The app's own index, as the endpoints use it.</summary>
    public SearchIndex Index => Factory.Services.GetRequiredService<SearchIndex>();

    /// <summary>A client that sends the API key with every request.</summary>
    public HttpClient Writer()
    {
        HttpClient client;
        lock (_gate)
            client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add(Microsoft.AspNetCore.Builder.SearchEndpointRouteBuilderExtensions.ApiKeyHeader, Key);
        return client;
    }

    /// <summary>Writes <paramref name="documents"/> through the library and commits them.</summary>
    public async Task SeedAsync(IEnumerable<SeedDocument> documents)
    {
        SearchIndex index = Index;
        foreach (SeedDocument document in documents)
            await index.UpsertAsync(document);
        await index.CommitAsync();
    }

    public async Task<JsonElement> GetJsonAsync(string url)
    {
        using HttpResponseMessage response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return Parse(text);
    }

    /// <summary>Stops the app (disposing its index), keeping the folder for a look at what it left.</summary>
    public void Stop()
    {
        _client?.Dispose();
        _client = null;
        _factory?.Dispose();
        _factory = null;
    }

    public void Dispose()
    {
        Stop();
        if (_ownsFolder)
            _folder.Dispose();
    }

    public static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonContent Body(object value) => JsonContent.Create(value);
}
