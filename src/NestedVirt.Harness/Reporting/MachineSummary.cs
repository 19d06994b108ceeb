using System.Text;
using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Reporting;

/// <summary>
/// The machine and setup in one line, as KVM cover letters give it: CPU, CPU count, VM or bare
/// metal, and what was (not) done to cut noise (pyperf's system checks, model 05 §7).
/// </summary>
public static class MachineSummary
{
    /// <summary>
    /// E.g. <c>AMD EPYC 7763, 2 CPUs, VM (kvm), untuned (no cpufreq, no isolcpus, load 0.15)</c>.
    /// "Tuned" means governor <c>performance</c>, isolated CPUs and turbo not known to be on.
    /// </summary>
    /// <param name="machine">Fixed machine facts.</param>
    /// <param name="state">Tuning state at the start of the run.</param>
    public static string Describe(MachineInfo machine, MachineState state)
    {
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(state);
        var parts = new List<string>
        {
            CpuName(machine.CpuModel),
            machine.LogicalCores == 1 ? "1 CPU" : $"{machine.LogicalCores} CPUs",
            machine.Virtualization switch
            {
                "vm" => string.IsNullOrEmpty(machine.Hypervisor) ? "VM" : $"VM ({machine.Hypervisor})",
                "bare-metal" => "bare metal",
                _ => "VM or bare metal unknown",
            },
        };

        var tuning = new List<string>
        {
            state.Governor is null ? "no cpufreq" : $"governor {state.Governor}",
        };
        if (state.Turbo is { } turbo)
        {
            tuning.Add(turbo ? "turbo on" : "turbo off");
        }

        if (state.Smt is { } smt)
        {
            tuning.Add(smt ? "SMT on" : "SMT off");
        }

        tuning.Add(string.IsNullOrEmpty(state.IsolatedCpus) ? "no isolcpus" : $"isolcpus {state.IsolatedCpus}");
        if (!string.IsNullOrEmpty(state.NohzFull))
        {
            tuning.Add($"nohz_full {state.NohzFull}");
        }

        if (state.LoadAverage1 is { } load)
        {
            tuning.Add($"load {NumberText.Plain(load, 2)}");
        }

        bool tuned = state.Governor == "performance" && !string.IsNullOrEmpty(state.IsolatedCpus) && state.Turbo != true;
        parts.Add($"{(tuned ? "tuned" : "untuned")} ({string.Join(", ", tuning)})");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// Shortens a /proc/cpuinfo model name for a mail line: drops (R), (TM) and their signs, "CPU", "Processor"
    /// and "n-Core", collapses spaces (<c>Intel(R) Xeon(R) Gold 6152 CPU @ 2.10GHz</c> becomes
    /// <c>Intel Xeon Gold 6152 @ 2.10GHz</c>).
    /// </summary>
    /// <param name="model">The model name.</param>
    public static string CpuName(string model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return "unknown CPU";
        }

        string text = model
            .Replace("(R)", "", StringComparison.OrdinalIgnoreCase)
            .Replace("(TM)", "", StringComparison.OrdinalIgnoreCase)
            .Replace("\u00ae", "", StringComparison.Ordinal)
            .Replace("\u2122", "", StringComparison.Ordinal);
        var words = new List<string>();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            bool coreCount = word.EndsWith("-Core", StringComparison.OrdinalIgnoreCase);
            if (word is "CPU" or "Processor" || coreCount)
            {
                continue;
            }

            words.Add(word);
        }

        var sb = new StringBuilder();
        foreach (string word in words)
        {
            sb.Append(sb.Length == 0 ? "" : " ").Append(word);
        }

        return sb.Length == 0 ? "unknown CPU" : sb.ToString();
    }
}
