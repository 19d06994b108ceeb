using NestedVirt.Docs.Tests.Citations;

namespace NestedVirt.Docs.Tests;

/// <summary>The checkout these tests run from, and its model pages loaded once.</summary>
internal static class Checkout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);
    private static readonly Lazy<ModelDocs> LazyDocs = new(() => ModelDocs.Load(ModelDirectory, Root));

    /// <summary>The repository root: the nearest directory above the test binaries holding Perf.sln and docs/model.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The <c>docs/model</c> directory.</summary>
    public static string ModelDirectory => Path.Combine(Root, "docs", "model");

    /// <summary>The model pages of this checkout.</summary>
    public static ModelDocs Docs => LazyDocs.Value;

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Perf.sln")) && Directory.Exists(Path.Combine(dir.FullName, "docs", "model")))
                return dir.FullName;
        }

        throw new InvalidOperationException(
            $"No checkout found above {AppContext.BaseDirectory}: expected a directory with Perf.sln and docs/model/. " +
            "Run these tests from the repository (dotnet test Perf.sln).");
    }
}
