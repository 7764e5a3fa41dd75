using PublicApiGenerator;

namespace Search.AspNetCore.Tests;

public class PublicApiTests
{
    /// <summary>
    /// Every change to the package's public surface shows up here for review. When the change is intended, copy
    /// PublicApi.received.txt over PublicApi.approved.txt (beside this file).
    /// </summary>
    [Fact]
    public void PublicApi_HasNotChangedWithoutApproval()
    {
        string api = typeof(SearchServiceOptions).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
            // The registration and mapping extensions live where ASP.NET Core apps look for them.
            AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection", "Microsoft.AspNetCore.Builder"],
        }).ReplaceLineEndings("\n");
        string folder = Path.Combine(RepositoryRoot(), "tests", "Search.AspNetCore.Tests");
        string approvedPath = Path.Combine(folder, "PublicApi.approved.txt");
        string receivedPath = Path.Combine(folder, "PublicApi.received.txt");
        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;

        if (api != approved)
            File.WriteAllText(receivedPath, api);
        else if (File.Exists(receivedPath))
            File.Delete(receivedPath);

        Assert.True(api == approved,
            $"The public API changed. Review {receivedPath} and, if the change is intended, copy it over {approvedPath}.");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Search.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("The repository root (with Search.sln) is not above the test folder.");
    }
}
