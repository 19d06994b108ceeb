using NestedVirt.Harness.Results;

namespace NestedVirt.Harness.Machine;

/// <summary>Checks of the KVM module parameters that decide which nested path runs.</summary>
internal static class KvmParameterChecks
{
    /// <summary>Parameters judged, in report order; others are recorded in results but not judged.</summary>
    private static readonly string[] Judged = ["nested", "ept", "npt", "enlightened_vmcs"];

    /// <summary>Appends one check per judged parameter found, or one N/A line when none was readable.</summary>
    /// <param name="checks">The report being built.</param>
    /// <param name="parameters">From <see cref="MachineState.KvmParameters"/>, keyed <c>module.parameter</c>.</param>
    public static void AddTo(List<MachineCheck> checks, IReadOnlyDictionary<string, string> parameters)
    {
        int before = checks.Count;
        foreach (string name in Judged)
        {
            foreach (KeyValuePair<string, string> entry in parameters)
            {
                int dot = entry.Key.IndexOf('.');
                if (dot > 0 && entry.Key.AsSpan(dot + 1).SequenceEqual(name))
                {
                    checks.Add(Judge(entry.Key[..dot], name, entry.Value));
                }
            }
        }

        if (checks.Count == before)
        {
            checks.Add(new MachineCheck("kvm parameters", CheckStatus.NotAvailable, "kvm_intel/kvm_amd not loaded"));
        }
    }

    private static MachineCheck Judge(string module, string name, string value)
    {
        string label = name == "enlightened_vmcs" ? $"evmcs ({module})" : $"{name} ({module})";
        bool? on = ProbeFiles.ParseBoolean(value);
        if (on is null)
        {
            return new MachineCheck(label, CheckStatus.NotAvailable, $"unrecognised value '{value}'");
        }

        // Enlightened VMCS only matters when KVM itself runs on Hyper-V: record, never warn.
        if (name == "enlightened_vmcs")
        {
            return new MachineCheck(label, CheckStatus.Ok, on.Value ? "on (used on Hyper-V)" : "off");
        }

        // nested=0 hides VMX/SVM from guests; ept=0 / npt=0 falls back to shadow paging, so
        // nested walks and exits would not be the ones being modelled.
        return on.Value
            ? new MachineCheck(label, CheckStatus.Ok, "on")
            : new MachineCheck(label, CheckStatus.Warn, "off", $"modprobe -r {module} && modprobe {module} {name}=1");
    }
}
