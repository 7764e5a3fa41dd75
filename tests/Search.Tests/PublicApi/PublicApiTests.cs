using System.Reflection;
using PublicApiGenerator;

namespace Search.Tests.PublicApi;

public class PublicApiTests
{
    /// <summary>
    /// Every change to the public surface of a package shows up here for review. When the change is intended, copy
    /// NAME.received.txt over NAME.approved.txt.
    /// </summary>
    [Theory]
    [InlineData("PublicApi")]             // the Search package
    [InlineData("Search.AspNetCore")]     // the ASP.NET Core package
    public void PublicApi_HasNotChangedWithoutApproval(string name)
    {
        Assembly assembly = name == "PublicApi" ? typeof(SearchIndex).Assembly : typeof(Search.AspNetCore.SearchServiceOptions).Assembly;
        string api = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
            // The registration extensions live where ASP.NET Core apps look for them.
            AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder"],
        }).ReplaceLineEndings("\n");
        string folder = RepositoryFiles.Path("tests", "Search.Tests", "PublicApi");
        string approvedPath = Path.Combine(folder, $"{name}.approved.txt");
        string receivedPath = Path.Combine(folder, $"{name}.received.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        if (api != approved)
            File.WriteAllText(receivedPath, api);
        else if (File.Exists(receivedPath))
            File.Delete(receivedPath);

        Assert.True(api == approved,
            $"The public API changed. Review {receivedPath} and, if the change is intended, copy it over {approvedPath}.");
    }
}
