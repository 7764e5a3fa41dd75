using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Search.AspNetCore;

namespace Search.Cli.Commands;

/// <summary><c>search serve</c>: the HTTP API and the search page over an index, until Ctrl+C.</summary>
internal static class ServeCommand
{
    /// <summary>Where the server listens unless --urls says otherwise: this machine only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5000";

    public static Command Create(CliHost host)
    {
        Option<string?> index = CommonOptions.Index();
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, e.g. http://0.0.0.0:8080 to be reachable from other machines (several separated by ';'). Default {DefaultUrls}, this machine only.",
            HelpName = "URL",
            DefaultValueFactory = _ => DefaultUrls,
        };
        urls.Validators.Add(result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (Problem(text) is { } problem)
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
            (the API answers 503 meanwhile). Stops on Ctrl+C or SIGTERM.

            Examples:
              search serve
              search serve --index news-index --urls http://0.0.0.0:8080
              SEARCH_API_KEY=secret search serve
            """)
        {
            index, urls, apiKey,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(host, parse.GetValue(index), parse.GetValue(urls) ?? DefaultUrls,
            parse.GetValue(apiKey) ?? host.ApiKeyFromEnvironment, parse.GetValue(CommonOptions.Verbose), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliHost host, string? indexOption, string urls, string? apiKey, bool verbose, CancellationToken cancellationToken)
    {
        string indexPath = host.IndexPath(indexOption);
        bool writable = !string.IsNullOrEmpty(apiKey);
        // With no index yet, the seeds here are indexed while the server already answers (503 and Retry-After until the
        // build commits), so a page opened at once says what is happening instead of failing to connect.
        (SearchIndex Index, string Seeds)? build = IndexOpener.StartSeedBuild(indexPath, host, verbose);
        WebApplication app = Build(host, indexPath, urls, apiKey, verbose);
        await using (app.ConfigureAwait(false))
        {
            // While serving, a signal stops the server and waits for it (open requests finish, the index closes), rather than
            // ending the process at once.
            using IDisposable? serving = host.Writing();
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                build?.Index.Dispose();
                throw;
            }
            host.Out.WriteLine($"Serving {Output.TerminalText.Line(indexPath)} at {string.Join(", ", app.Urls)} ({(writable ? "writes need the API key" : "read-only")}). Press Ctrl+C to stop.");
            host.Out.Flush();
            Task building = build is { } started ? BuildFromSeedsAsync(host, started.Index, started.Seeds, cancellationToken) : Task.CompletedTask;
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                host.Error.WriteLine("Stopping.");
            }
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await building.ConfigureAwait(false);
        }
        return ExitCodes.Success;
    }

    /// <summary>Fills the rebuild from the seeds and commits it, saying so on stderr; a failure or Ctrl+C leaves no index,
    /// and the API goes on answering 503 with the reason.</summary>
    private static async Task BuildFromSeedsAsync(CliHost host, SearchIndex index, string seeds, CancellationToken cancellationToken)
    {
        using (index)
        {
            host.Error.WriteLine($"No index yet: indexing {Output.TerminalText.Line(seeds)} first; the API answers 503 until it is done.");
            try
            {
                IndexReport report = await index.IndexDirectoryAsync(seeds, progress: null, cancellationToken).ConfigureAwait(false);
                Output.HumanRenderer.WriteIndexReport(host.Error, seeds, report);
            }
            catch (OperationCanceledException)
            {
                host.Error.WriteLine("Indexing the seeds stopped before it committed; nothing of it is kept.");
            }
            catch (Exception e) when (e is SearchException or IOException or UnauthorizedAccessException)
            {
                host.Error.WriteLine($"search: indexing the seeds failed: {ErrorReporter.Describe(e)}");
            }
        }
    }

    /// <summary>The app: the package's API, page and health check over the index, with Kestrel's limits.</summary>
    private static WebApplication Build(CliHost host, string indexPath, string urls, string? apiKey, bool verbose)
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
        builder.Logging.AddProvider(new TextWriterLoggerProvider(host.Error, verbose ? LogLevel.Debug : LogLevel.Warning));
        builder.Services.AddSearchIndex(options =>
        {
            options.IndexPath = indexPath;
            options.ApiKey = apiKey;
            options.ReadOnly = string.IsNullOrEmpty(apiKey);
        });
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

    private static string? Problem(string urls)
    {
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out Uri? uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.AbsolutePath != "/")
            {
                return $"--urls takes addresses such as http://127.0.0.1:5000 or http://0.0.0.0:8080, separated by ';', not '{url}'.";
            }
        }
        return urls.Trim().Length == 0 ? "--urls takes at least one address, such as http://127.0.0.1:5000." : null;
    }

    /// <summary>A host lifetime that leaves the process's signals alone.</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
