using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using NestedVirt.Benchmarks.Running;

namespace NestedVirt.Benchmarks.Tests.Running;

public sealed class SuiteCatalogTests
{
    public static TheoryData<Type> Suites() => [.. SuiteCatalog.Suites];

    [Fact]
    public void EveryBenchmarkClassIsACatalogSuiteExceptTheHarnessChecks()
    {
        // The canary and the planted allocation measure the measuring, not the model.
        Type[] benchmarkClasses = typeof(SuiteCatalog).Assembly.GetTypes()
            .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .Where(t => t != typeof(Benchmarks.Canary.Canary) && t != typeof(Benchmarks.Checks.PlantedAllocation))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(SuiteCatalog.Suites.OrderBy(t => t.Name, StringComparer.Ordinal), benchmarkClasses);
    }

    // dotnet/performance makes categories mandatory; ours are the suite (what --anyCategories
    // selects and history groups by) and the concept folder it mirrors in the core.
    [Theory]
    [MemberData(nameof(Suites))]
    public void CategoriesAreTheSuiteThenItsConcept(Type suite)
    {
        string concept = suite.Namespace![(suite.Namespace!.LastIndexOf('.') + 1)..];

        string[] categories = suite.GetCustomAttribute<BenchmarkCategoryAttribute>()?.Categories ?? [];

        Assert.Equal([suite.Name, concept], categories);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void ParametersAreTypedEnumsBooleansOrIntegersNeverStrings(Type suite)
    {
        foreach (PropertyInfo property in suite.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null || p.GetCustomAttribute<ParamsSourceAttribute>() is not null))
        {
            Type type = property.PropertyType;
            Assert.True(type.IsEnum || type == typeof(bool) || type == typeof(int), $"{suite.Name}.{property.Name} is a {type.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void EveryCaseSetsUpAndRunsOnce(Type suite)
    {
        BenchmarkCase[] cases = BenchmarkConverter.TypeToBenchmarks(suite, ManualConfig.CreateEmpty()).BenchmarksCases;
        Assert.NotEmpty(cases);
        Assert.Contains(cases, SuiteCatalog.IsHeadline);
        foreach (BenchmarkCase benchmarkCase in cases)
        {
            object instance = Activator.CreateInstance(suite)!;
            foreach (var parameter in benchmarkCase.Parameters.Items)
            {
                suite.GetProperty(parameter.Name)!.SetValue(instance, parameter.Value);
            }

            benchmarkCase.Descriptor.GlobalSetupMethod?.Invoke(instance, null);
            benchmarkCase.Descriptor.WorkloadMethod.Invoke(instance, null);
        }
    }
}
