using System.Collections.Concurrent;

namespace NestedVirt.Tests.Paging;

/// <summary>Loads the entry-case data files once and hands out their line numbers to <c>[MemberData]</c> (iced's style).</summary>
internal static class PagingDataFile
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<int, EntryCase>> Cache = new();

    public static IReadOnlyDictionary<int, EntryCase> Load(string name) => Cache.GetOrAdd(name, Read);

    public static TheoryData<int> Lines(string name)
    {
        var data = new TheoryData<int>();
        foreach (int line in Load(name).Keys.Order())
            data.Add(line);
        return data;
    }

    private static IReadOnlyDictionary<int, EntryCase> Read(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "Paging", name);
        var cases = new Dictionary<int, EntryCase>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            EntryCase? parsed = EntryCase.Parse(name, i + 1, lines[i]);
            if (parsed is not null)
                cases.Add(i + 1, parsed);
        }
        return cases;
    }
}
