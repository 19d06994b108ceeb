using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NestedVirt.Benchmarks.Running;

/// <summary>
/// The hottest frames of one EventPipe trace, from the speedscope file BenchmarkDotNet writes
/// beside it (speedscope's "evented" profiles: an open and a close event per frame per thread,
/// https://www.speedscope.app/file-format-schema.json). Self time is a frame's open time minus
/// its callees'; a reviewer reads the first lines to see where a case spends its time without
/// opening a trace viewer.
/// </summary>
public static class ProfileSummary
{
    private const int MaxName = 120;

    /// <summary>The <paramref name="top"/> frames by self time, as a plain-text table, or null when the file has no evented profile.</summary>
    public static string? Format(string speedscopeJson, int top = 15)
    {
        using var document = JsonDocument.Parse(speedscopeJson);
        JsonElement root = document.RootElement;
        string[] names = [.. root.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? "?")];
        var self = new double[names.Length];
        var inclusive = new double[names.Length];
        double total = 0;
        foreach (JsonElement profile in root.GetProperty("profiles").EnumerateArray())
        {
            if (profile.GetProperty("type").GetString() != "evented")
                continue;
            total += Accumulate(profile, names, self, inclusive);
        }
        if (total <= 0)
            return null;

        var text = new StringBuilder("  self  incl  frame\n");
        foreach (int i in Enumerable.Range(0, names.Length).Where(i => !IsPseudoFrame(names[i]))
            .OrderByDescending(i => self[i]).Take(top))
        {
            if (self[i] <= 0)
                break;
            string name = names[i].Length > MaxName ? names[i][..(MaxName - 3)] + "..." : names[i];
            text.Append(CultureInfo.InvariantCulture, $"{100 * self[i] / total,5:0.0}% {100 * inclusive[i] / total,5:0.0}%  {name}\n");
        }
        return text.ToString();
    }

    // Walks one thread's open/close events; returns the time its root frames were open.
    private static double Accumulate(JsonElement profile, string[] names, double[] self, double[] inclusive)
    {
        var stack = new Stack<(int Frame, double Opened, double Callees)>();
        double rootTime = 0;
        foreach (JsonElement e in profile.GetProperty("events").EnumerateArray())
        {
            int frame = e.GetProperty("frame").GetInt32();
            double at = e.GetProperty("at").GetDouble();
            if (e.GetProperty("type").GetString() == "O")
            {
                stack.Push((frame, at, 0));
                continue;
            }
            if (stack.Count == 0)
                continue;
            (int open, double opened, double callees) = stack.Pop();
            double duration = at - opened;
            if (open >= 0 && open < self.Length)
            {
                self[open] += duration - callees;
                inclusive[open] += duration;
            }
            if (stack.Count > 0)
            {
                // TraceEvent's CPU_TIME / UNMANAGED_CODE_TIME leaves are the caller's own time.
                bool pseudo = open >= 0 && open < names.Length && IsPseudoFrame(names[open]);
                var parent = stack.Pop();
                stack.Push((parent.Frame, parent.Opened, parent.Callees + (pseudo ? 0 : duration)));
            }
            else
            {
                rootTime += duration;
            }
        }
        return rootTime;
    }

    private static bool IsPseudoFrame(string name) => name is "CPU_TIME" or "UNMANAGED_CODE_TIME" or "BLOCKED_TIME";
}
