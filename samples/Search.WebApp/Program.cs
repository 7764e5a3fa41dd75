// README example start
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSearchIndex();                       // the "Search" section: IndexPath, ApiKey, ReadOnly, limits
builder.Services.AddHealthChecks().AddSearchIndex();
builder.Services.AddOpenApi();

var app = builder.Build();
app.MapSearchApi();                                      // /api/search, /api/complete, /api/similar/{id}, /api/documents/{id}, /api/stats
app.MapSearchPage();                                     // the search page at /
app.MapHealthChecks("/health");
app.MapOpenApi();                                        // /openapi/v1.json
app.Run();
// README example end

/// <summary>The app's entry point, public so that tests can host it.</summary>
public partial class Program;
