using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// BenchmarkDotNet's default out-of-process toolchain for .NET 10 (generate a project that
/// references ours, build it in Release, run each case in its own process), pointed at our
/// project file. BenchmarkDotNet finds the project by the assembly's name
/// (<c>CsProjGenerator.GetProjectFilePath</c>: "project's file name === output dll name"), and
/// ours builds <c>nvbench.dll</c> from <c>NestedVirt.Benchmarks.csproj</c>, so the lookup is
/// given the file instead.
/// </summary>
public static class ProjectToolchain
{
    private const string TargetFramework = "net10.0";

    /// <summary>The benchmark project, relative to the repository root.</summary>
    public const string ProjectPath = "bench/NestedVirt.Benchmarks/NestedVirt.Benchmarks.csproj";

    // One instance per project file: BenchmarkDotNet builds one project per distinct toolchain
    // (BenchmarkPartitioner compares toolchains with Equals, which the base Toolchain leaves to
    // reference equality), so a new instance per suite would build the project once per suite.
    private static readonly Dictionary<string, IToolchain> Toolchains = new(StringComparer.Ordinal);

    /// <summary>The toolchain that builds <see cref="ProjectPath"/> under <paramref name="repositoryRoot"/>; the same instance for the same checkout.</summary>
    public static IToolchain For(string repositoryRoot)
    {
        string project = Path.GetFullPath(Path.Combine(repositoryRoot, ProjectPath));
        if (!File.Exists(project))
            throw new NestedVirt.Harness.Cli.HarnessException($"benchmark project not found: {project} (run from the checkout, or use --in-process)");
        lock (Toolchains)
        {
            if (!Toolchains.TryGetValue(project, out IToolchain? toolchain))
                Toolchains[project] = toolchain = Create(project);
            return toolchain;
        }
    }

    private static IToolchain Create(string project) =>
        new Toolchain("CsProj" + TargetFramework,
            new Generator(project),
            new DotNetCliBuilder(TargetFramework),
            new DotNetCliExecutor(customDotNetCliPath: null!));

    private sealed class Generator(string projectFile)
        : CsProjGenerator(TargetFramework, cliPath: null!, packagesPath: null!, runtimeFrameworkVersion: null!)
    {
        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger) => new(projectFile);
    }
}
