using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// BenchmarkDotNet's out-of-process .NET toolchain, pointed at this project's file. Its generator
/// looks for <c>&lt;assembly name&gt;.csproj</c>, and the assembly is <c>nvbench</c> while the
/// project is <c>NestedVirt.Benchmarks.csproj</c>, so the generator is told the path instead.
/// Each job gets its own generated project and build, which is what lets jobs carry MSBuild
/// arguments such as <c>/p:EnableNested=false</c>.
/// </summary>
public static class BenchProjectToolchain
{
    /// <summary>The toolchain for the current runtime (net10.0), building this checkout's benchmark project.</summary>
    public static IToolchain Create(string repositoryRoot)
    {
        string project = Path.Combine(repositoryRoot, "bench", "NestedVirt.Benchmarks", "NestedVirt.Benchmarks.csproj");
        const string tfm = "net10.0";
        return new Toolchain("nvbench-csproj",
            new Generator(project, tfm),
            new DotNetCliBuilder(tfm, customDotNetCliPath: null!),
            new DotNetCliExecutor(customDotNetCliPath: null!));
    }

    private sealed class Generator(string project, string tfm)
        : CsProjGenerator(tfm, cliPath: null!, packagesPath: null!, runtimeFrameworkVersion: null!)
    {
        protected override FileInfo GetProjectFilePath(Type benchmarkTarget, ILogger logger) => new(project);
    }
}
