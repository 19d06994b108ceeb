using System.Globalization;
using System.Text;
using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Exits.Dispatch;
using NestedVirt.Kvm;
using NestedVirt.L0;
using NestedVirt.X86;

namespace NestedVirt.Scenarios;

/// <summary>
/// What an L1 sees when L0 offers no nested virtualization: with nested code built, KVM loaded
/// with <c>nested=0</c> (B-30..B-32); without it, the build alone (B-10..B-12, B-20). Either way
/// the toolstack is told (CPUID, PHYSCAP bit 10), a nested VM is refused with -EINVAL, the guest
/// gets the architectural fault for every attempt to use VMX or SVM, nested state and the relay
/// capability are refused, and no unreachable stub runs. A nested Windows root can then never
/// start, so vmbus never comes up on it.
/// </summary>
public sealed class NestedUnavailableScenario : IScenario
{
    private readonly CpuVendor vendor;

    /// <summary>The scenario for <paramref name="vendor"/> in this build.</summary>
    public NestedUnavailableScenario(CpuVendor vendor)
    {
        this.vendor = vendor;
        string prefix = vendor == CpuVendor.Intel ? "vmx" : "svm";
        Name = NestedVirtBuild.Nested ? prefix + "-kvm-nested-0" : prefix + "-nested-compiled-out";
        string module = vendor == CpuVendor.Intel ? "kvm_intel" : "kvm_amd";
        Description = NestedVirtBuild.Nested
            ? $"{module}.nested=0: {Extension} hidden, {Instruction} #UD, nested state and relay refused"
            : $"EnableNested=false: PHYSCAP nestedhvm clear, nested VM -EINVAL, {Instruction} #UD";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string Description { get; }

    private string Extension => vendor == CpuVendor.Intel ? "VMX" : "SVM";

    private string Instruction => vendor == CpuVendor.Intel ? "VMXON" : "VMRUN";

    /// <inheritdoc/>
    public ScenarioReport Run()
    {
        var host = new L0Hypervisor(HostHardware.For(vendor), NestedVirtBuild.Nested ? L0ModuleParameters.NestedOff : L0ModuleParameters.Default);
        var said = new StringBuilder();
        var wrong = new StringBuilder();
        int stubsBefore = Unreachable.Hits;

        uint cpuid = vendor == CpuVendor.Intel ? host.SupportedCpuidEcx(1) & L0Hypervisor.CpuidVmxBit
            : host.SupportedCpuidEcx(0x8000_0001) & L0Hypervisor.CpuidSvmBit;
        Check(said, wrong, $"CPUID {Extension} {(cpuid == 0 ? "clear" : "set")}", cpuid == 0);
        PhysicalCapabilities caps = host.PhysicalCapabilities;
        Check(said, wrong, string.Create(CultureInfo.InvariantCulture, $"PHYSCAP 0x{(uint)caps:X}"),
            (caps & PhysicalCapabilities.NestedHvm) == 0);
        int nested = host.CreateVm(DomainConfig.NestedHvm, out _, out _);
        Check(said, wrong, $"nested VM {Errno(nested)}", nested == -LinuxErrno.EINVAL);

        if (host.CreateVm(DomainConfig.Hvm, out GuestVm? vm, out string? log) != 0 || vm!.CreateVcpu(out GuestVcpu? vcpu) != 0)
            return new ScenarioReport(false, $"FAIL {Name}: L0 refused a plain HVM guest ({log})");
        GuestVcpu v = vcpu!;
        foreach ((string what, ExitInfo exit, ExitAction expected) in Attempts())
        {
            var counters = default(PathCounters);
            ExitAction action = v.HandleExit(exit, ref counters);
            Check(said, wrong, $"{what} {Fault(action)}", action == expected);
        }

        int state = v.SetNestedState(vendor == CpuVendor.Intel ? KvmNestedState.VmxOn(0x1000) : KvmNestedState.Svm(guestMode: true));
        Check(said, wrong, $"nested state {Errno(state)}", state == -LinuxErrno.EINVAL);
        int relay = vm.Capabilities.EnableCap(KvmEnableCap.Create(KvmCap.NestedHypervHcallRelay, (ulong)NestedHypervRelayMask.PostMessage));
        Check(said, wrong, $"relay cap {Errno(relay)}", relay == -LinuxErrno.EINVAL);
        int reached = Unreachable.Hits - stubsBefore;
        Check(said, wrong, $"{reached} unreachable stubs", reached == 0);

        bool passed = wrong.Length == 0;
        string expectedNote = passed ? "" : $" [unexpected: {wrong}]";
        return new ScenarioReport(passed, $"{(passed ? "PASS" : "FAIL")} {Name}: {said}{expectedNote}");
    }

    // What L1 (a Hyper-V trying to start) does, and the fault the spec predicts for each.
    private IEnumerable<(string What, ExitInfo Exit, ExitAction Expected)> Attempts()
    {
#if INTEL_VMX
        if (vendor == CpuVendor.Intel)
        {
            ulong movToCr4 = CrAccessQualification.Create(4, CrAccessType.MovToCr).Raw;
            yield return ("CR4.VMXE", new ExitInfo { Code = (ushort)VmxExitReason.CrAccess, Qualification = movToCr4, Operand = GuestVcpu.Cr4Vmxe },
                ExitAction.InjectGp);
            yield return ("VMXON", ExitInfo.Vmx(VmxExitReason.Vmxon), ExitAction.InjectUd);
            yield return ("IA32_VMX_BASIC", ExitInfo.Vmx(VmxExitReason.MsrRead, operand: 0x480), ExitAction.InjectGp);
        }
#endif
#if AMD_SVM
        if (vendor == CpuVendor.Amd)
        {
            yield return ("EFER.SVME", ExitInfo.Svm(SvmExitCode.Msr, 1, GuestVcpu.EferSvme, GuestVcpu.EferMsr), ExitAction.InjectGp);
            yield return ("VMRUN", ExitInfo.Svm(SvmExitCode.Vmrun, operand: 0x1000), ExitAction.InjectUd);
            yield return ("STGI", ExitInfo.Svm(SvmExitCode.Stgi), ExitAction.InjectUd);
            yield return ("CLGI", ExitInfo.Svm(SvmExitCode.Clgi), ExitAction.InjectUd);
        }
#endif
    }

    private static void Check(StringBuilder said, StringBuilder wrong, string what, bool asPredicted)
    {
        said.Append(said.Length == 0 ? "" : ", ").Append(what);
        if (!asPredicted)
            wrong.Append(wrong.Length == 0 ? "" : ", ").Append(what);
    }

    private static string Errno(int rc) => rc == 0 ? "0" : rc == -LinuxErrno.EINVAL ? "-EINVAL" : rc.ToString(CultureInfo.InvariantCulture);

    private static string Fault(ExitAction action) => action switch
    {
        ExitAction.InjectUd => "#UD",
        ExitAction.InjectGp => "#GP",
        _ => action.ToString(),
    };
}
