using BenchmarkDotNet.Filters;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The filters a selection asks for, as BenchmarkDotNet's console parser builds them (every
/// filter must pass): <see cref="NameFilter"/> for <c>--filter</c>, then its own category and
/// attribute filters.
/// </summary>
public static class BenchmarkSelection
{
    /// <summary>The filters of <paramref name="options"/>; empty when it selects everything.</summary>
    /// <param name="options">The run's options.</param>
    public static IReadOnlyList<IFilter> Filters(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var filters = new List<IFilter>();
        if (options.Filters.Count > 0)
            filters.Add(new NameFilter(options.Filters));
        if (options.AllCategories.Count > 0)
            filters.Add(new AllCategoriesFilter([.. options.AllCategories]));
        if (options.AnyCategories.Count > 0)
            filters.Add(new AnyCategoriesFilter([.. options.AnyCategories]));
        if (options.Attributes.Count > 0)
            filters.Add(new AttributesFilter([.. options.Attributes]));
        return filters;
    }

    /// <summary>The selection as the user typed it, for messages: <c>--filter 'walk/*' --anyCategories Exits</c>.</summary>
    /// <param name="options">The run's options.</param>
    public static string Describe(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var parts = new List<string>();
        Add(parts, "--filter", options.Filters);
        Add(parts, "--allCategories", options.AllCategories);
        Add(parts, "--anyCategories", options.AnyCategories);
        Add(parts, "--attribute", options.Attributes);
        return string.Join(' ', parts);
    }

    private static void Add(List<string> parts, string option, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
            parts.Add(option + " " + string.Join(' ', values.Select(v => $"'{v}'")));
    }
}
