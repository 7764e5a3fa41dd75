using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Search.Tests;

/// <summary>
/// Runs a whole test assembly under the culture that <c>SEARCH_TEST_CULTURE</c> names (empty: the invariant culture).
/// CI runs the suite under the invariant culture, tr-TR, sv-FI and ar-SA this way: no result may depend on the
/// culture of the machine. Child processes get the culture from <c>LC_ALL</c>, which CI sets to match.
/// </summary>
internal static class TestCulture
{
    public const string Variable = "SEARCH_TEST_CULTURE";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "A test assembly, not a library: the culture must be set before any test runs.")]
    public static void Apply()
    {
        string? name = Environment.GetEnvironmentVariable(Variable);
        if (name is null)
            return;
        CultureInfo culture = CultureInfo.GetCultureInfo(name);
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
