using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Search.AspNetCore;
using Search.Cli.Cluster;

namespace Search.Cli.Commands;

/// <summary><c>search serve</c>: the HTTP API and the search page over an index, until Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>Where the server listens unless --urls says otherwise: this machine only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    public static Command Create(CliHost host)
    {
        Option<string?> index = CommonOptions.Index();
        Option<string?> cluster = ClusterConnection.Option();
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, e.g. http://0.0.0.0:8080 to be reachable from other machines (several separated by ';'). Default {DefaultUrls}, this machine only.",
            HelpName = "URL",
            DefaultValueFactory = _ => DefaultUrls,
        };
        urls.Validators.Add(result =>
        {
            // The validator also runs when the option is left out, with no token: the default needs no check.
            if (result.Tokens.Count > 0 && Problem(result.Tokens[0].Value) is { } problem)
                result.AddError(problem);
        });
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"Turn on the write endpoints (PUT/DELETE /api/documents/ID, POST /api/documents) for requests with this key in X-Api-Key. Default ${CliHost.ApiKeyVariable}; without a key the index is served read-only.",
            HelpName = "KEY",
        };
        var command = new Command("serve", """
            Serve the index over HTTP: a search page at / and the JSON API under /api (search, complete, similar/ID,
            documents/ID, stats), /health and /openapi/v1.json. If there is no index yet, the seeds folder here is indexed
            first. With --cluster, the same over a cluster's sharded index (filled with 'search index --cluster').
            Stops on Ctrl+C or SIGTERM.

            Examples:
              search serve
              search serve --index news-index --urls http://0.0.0.0:8080
              search serve --cluster 127.0.0.1:30000
              SEARCH_API_KEY=secret search serve
            """)
        {
            index, cluster, urls, apiKey,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            string? clusterOption = parse.GetValue(cluster);
            string? indexOption = parse.GetValue(index);
            string address = parse.GetValue(urls) ?? DefaultUrls;
            string? key = parse.GetValue(apiKey) ?? host.ApiKeyFromEnvironment;
            bool verbose = parse.GetValue(CommonOptions.Verbose);
            if (clusterOption is null)
                return RunAsync(host, indexOption, address, key, verbose, cancellationToken);
            if (indexOption is not null)
                throw new UsageException("--index and --cluster name two different indexes; give one of them.");
            return RunOnClusterAsync(host, clusterOption, address, key, verbose, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string? indexOption, string urls, string? apiKey, bool verbose, CancellationToken cancellationToken)
    {
        string indexPath = host.IndexPath(indexOption);
        bool writable = !string.IsNullOrEmpty(apiKey);
        // Like the first query: with no index, the seeds here are indexed before anything is served. Should another process
        // be creating the index, the server starts anyway and answers 503 with Retry-After until that one commits.
        if (IndexOpener.StartSeedBuild(indexPath, host, verbose) is { } build)
            await BuildFromSeedsAsync(host, build.Index, build.Seeds, cancellationToken).ConfigureAwait(false);

        WebApplication app = Build(host, urls, verbose, services => services.AddSearchIndex(options =>
        {
            options.IndexPath = indexPath;
            options.ApiKey = apiKey;
            options.ReadOnly = !writable;
        }));
        await using (app.ConfigureAwait(false))
        {
            // While serving, a signal stops the server and waits for it (open requests finish, the index closes), rather than
            // ending the process at once.
            using IDisposable? serving = host.Writing();
            // An index that is there is opened before listening, so a lock held by another writer or an unreadable index ends
            // the command with its reason rather than serving nothing but 503s.
            if (writable || SearchIndex.Exists(indexPath))
                _ = app.Services.GetRequiredService<SearchIndex>();
            await ServeAsync(host, app, Output.TerminalText.Line(indexPath), writable, cancellationToken).ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    /// <summary>Serves the sharded index of the cluster at <paramref name="gateways"/>: the same app, over the cluster's
    /// index instead of a folder. Nothing is indexed from seeds first; the cluster is filled with <c>search index --cluster</c>.</summary>
    private static async Task<int> RunOnClusterAsync(CliHost host, string gateways, string urls, string? apiKey, bool verbose, CancellationToken cancellationToken)
    {
        bool writable = !string.IsNullOrEmpty(apiKey);
        // Connecting first means a cluster that is not there ends the command with its reason rather than serving 503s.
        ClusterConnection connection = await ClusterConnection.ConnectAsync(gateways, host, verbose, sync: null, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            WebApplication app = Build(host, urls, verbose, services => services.AddServedIndex(new ClusterServedIndex(connection), options =>
            {
                options.ApiKey = apiKey;
                options.ReadOnly = !writable;
            }));
            // The app is stopped and disposed before the connection it serves through.
            await using (app.ConfigureAwait(false))
            {
                using IDisposable? serving = host.Writing();
                await ServeAsync(host, app, Output.TerminalText.Line(connection.Description), writable, cancellationToken).ConfigureAwait(false);
            }
        }
        return ExitCodes.Success;
    }

    /// <summary>Starts <paramref name="app"/>, says on stdout what it serves where, and serves until Ctrl+C or SIGTERM.</summary>
    private static async Task ServeAsync(CliHost host, WebApplication app, string what, bool writable, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        host.Out.WriteLine($"Serving {what} at {string.Join(", ", app.Urls)} ({(writable ? "writes need the API key" : "read-only")}). Press Ctrl+C to stop.");
        host.Out.Flush();
        await CommandLifetime.WaitForSignalAsync(host, "Stopping.", cancellationToken).ConfigureAwait(false);
        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Fills the rebuild from the seeds and commits it, saying so on stderr; Ctrl+C or a failure leaves no index
    /// behind (the rebuild commits only at its end) and ends the command.</summary>
    private static async Task BuildFromSeedsAsync(CliHost host, SearchIndex index, string seeds, CancellationToken cancellationToken)
    {
        using IDisposable? writing = host.Writing();
        using (index)
        {
            host.Error.WriteLine($"No index yet: indexing {Output.TerminalText.Line(seeds)} first.");
            IndexReport report = await index.IndexDirectoryAsync(seeds, progress: null, cancellationToken).ConfigureAwait(false);
            Output.HumanRenderer.WriteIndexReport(host.Error, seeds, report);
        }
    }

    /// <summary>The app: the package's API, page and health check over the index <paramref name="addIndex"/> registers, with
    /// Kestrel's limits.</summary>
    private static WebApplication Build(CliHost host, string urls, bool verbose, Action<IServiceCollection> addIndex)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = host.WorkingDirectory,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.WebHost.UseUrls(urls);
        // Signals are the command line's to handle (only the real program's), so the host does not listen for them too.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        // Stderr gets what needs attention (a failed request), and everything under --verbose; stdout stays the address.
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new TextWriterLoggerProvider(host.Error, verbose ? LogLevel.Debug : LogLevel.Warning, verbose));
        if (!verbose)
        {
            // A failed start (a port in use) is reported once, as the command's own error line.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        }
        addIndex(builder.Services);
        builder.Services.AddHealthChecks().AddSearchIndex();
        builder.Services.AddOpenApi();
        // What routing answers by itself (an unknown path 404, a wrong method 405, a body that is not JSON 415) and any
        // failure outside the API's own handling are problem details too, never an empty body or a stack trace.
        builder.Services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Headers must arrive promptly and bodies keep a minimum rate (Kestrel's defaults); searches read nothing more,
            // and a search is done before its answer is written, so a slow reader holds no searcher.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MaxRequestBodySize = new SearchServiceOptions().MaxRequestBodyBytes;
            // A query of the library's longest (MaxQueryLength characters), percent-encoded, must fit in the request line.
            kestrel.Limits.MaxRequestLineSize = 128 * 1024;
        });

        WebApplication app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapSearchApi();
        app.MapSearchPage();
        app.MapHealthChecks("/health");
        app.MapOpenApi();
        return app;
    }

    /// <summary>What is wrong with <paramref name="urls"/>, or null. Only literal addresses and <c>localhost</c> are taken:
    /// Kestrel listens on every interface for any other host name, so a typo such as <c>locahost</c> would expose the
    /// index to the network.</summary>
    private static string? Problem(string urls)
    {
        const string Example = "such as http://127.0.0.1:5000, http://localhost:5000 or http://0.0.0.0:8080 (every interface)";
        string[] addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
            return $"--urls takes at least one address, {Example}.";
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string url in addresses)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
                || uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
            {
                return $"--urls takes addresses {Example}, separated by ';', not '{url}'.";
            }
            if (uri.Scheme == Uri.UriSchemeHttps)
                return $"--urls: serve speaks plain http; for https put a TLS-terminating proxy in front of it ('{url}').";
            if (uri.Scheme != Uri.UriSchemeHttp)
                return $"--urls takes http addresses {Example}, not '{url}'.";
            if (!uri.IsLoopback && uri.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6))
                return $"--urls takes an IP address or localhost as the host, not '{uri.Host}' ('{url}'); use http://0.0.0.0:PORT to listen on every interface.";
            if (!seen.Add(uri.GetLeftPart(UriPartial.Authority)))
                return $"--urls names {uri.GetLeftPart(UriPartial.Authority)} twice.";
        }
        return null;
    }
}
