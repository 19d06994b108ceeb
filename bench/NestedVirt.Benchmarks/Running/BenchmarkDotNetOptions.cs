using System.Collections;
using System.Reflection;
using BenchmarkDotNet.ConsoleArguments;
using NestedVirt.Harness.Cli;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// BenchmarkDotNet's console options, read from its own <c>CommandLineOptions</c> so the list
/// follows the pinned version: <c>nvbench run</c> recognises every one of them and hands the
/// ones it does not read itself to BenchmarkDotNet's parser (dotnet/performance's harness does
/// the same with its own options in front of <c>BenchmarkSwitcher</c>).
/// </summary>
public static class BenchmarkDotNetOptions
{
    /// <summary>
    /// Options nvbench reads itself, with BenchmarkDotNet's meaning, because they decide what is
    /// selected, listed, where artifacts go, which job is the base, and which toolchain and
    /// diagnosers nvbench configures: --filter, --list, --artifacts, --job, --anyCategories,
    /// --allCategories, --attribute, --inProcess, --disasm, --profiler.
    /// </summary>
    public static readonly IReadOnlyList<string> ReadByNvbench =
        ["filter", "list", "artifacts", "job", "anyCategories", "allCategories", "attribute", "inProcess", "disasm", "profiler"];

    /// <summary>Every other option, to be passed through verbatim (one-letter aliases kept, except <c>-h</c>, which is help).</summary>
    public static IReadOnlyList<OptionSpec> PassedThrough { get; } = Read();

    private static List<OptionSpec> Read()
    {
        var specs = new List<OptionSpec>();
        foreach (PropertyInfo property in typeof(CommandLineOptions).GetProperties())
        {
            CommandLine.OptionAttribute? option = property.GetCustomAttribute<CommandLine.OptionAttribute>();
            if (option is null || ReadByNvbench.Contains(option.LongName, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            Type type = property.PropertyType;
            Type valueType = Nullable.GetUnderlyingType(type) ?? type;
            OptionArity arity = valueType == typeof(bool) ? OptionArity.Flag
                : valueType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(valueType) ? OptionArity.Many
                : OptionArity.One;
            string? valueName = arity == OptionArity.Flag ? null
                : valueType.IsEnum ? string.Join('|', Enum.GetNames(valueType)).ToLowerInvariant()
                : "VALUE";
            char? shortName = option.ShortName is { Length: 1 } s && s != "h" ? s[0] : null;
            specs.Add(new OptionSpec(option.LongName, valueName, "BenchmarkDotNet: " + HarnessException.OneLine(option.HelpText ?? ""))
            {
                Arity = arity,
                ShortName = shortName,
                PassedThrough = true,
            });
        }

        return specs;
    }
}
