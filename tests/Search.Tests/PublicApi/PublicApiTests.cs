using PublicApiGenerator;

namespace Search.Tests.PublicApi;

public class PublicApiTests
{
    /// <summary>
    /// Every change to the public surface shows up here for review. When the change is intended, copy
    /// PublicApi.received.txt over PublicApi.approved.txt.
    /// </summary>
    [Fact]
    public void PublicApi_HasNotChangedWithoutApproval()
    {
        string api = typeof(SearchIndex).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        }).ReplaceLineEndings("\n");
        string folder = RepositoryFiles.Path("tests", "Search.Tests", "PublicApi");
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
}
