using NestedVirt.Counters;
using NestedVirt.Exits;
using NestedVirt.Kvm;
using NestedVirt.Memory;
using NestedVirt.Nested;
using NestedVirt.Tests.Nested;

namespace NestedVirt.Tests.Exits;

/// <summary>The nested SVM rules of model 01 §5, one test per rule id.</summary>
public sealed class SvmRoutingRuleTests
{
    private static ExitRoute Route(in ExitInfo exit, in L0ExitContext l0, NestedSvmState state, GuestMemory memory,
        SvmVmmcallPolicy policy = SvmVmmcallPolicy.Upstream2026InjectUd)
    {
        var counters = new PathCounters();
        return SvmExitRouter.Route(exit, l0, state, memory, policy, ref counters);
    }

    [Fact]
    public void NestedExitResultIsNumberedAsSvmH()
    {
        Assert.Equal(0, (int)NestedExitResult.Host);
        Assert.Equal(1, (int)NestedExitResult.Done);
        Assert.Equal(2, (int)NestedExitResult.Continue);
    }

    [Fact]
    public void D10_ExitSpecialHostEndsTheDecisionInL0()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Control.SetIntercept(SvmInterceptBit.Intr);
        var exit = ExitInfo.Svm(SvmExitCode.Intr);
        var counters = new PathCounters();

        Assert.Equal(NestedExitResult.Host, SvmExitRouter.ExitSpecial(exit, default));
        Assert.Equal(NestedExitResult.Done, SvmExitRouter.Intercept(exit, state.Control, memory, ref counters));
        Assert.Equal(ExitRoute.HandleInL0, Route(exit, default, state, memory));
    }

    [Fact]
    public void D10_ContinueThenDoneReflects()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Control.SetIntercept(SvmInterceptBit.Cpuid);
        var exit = ExitInfo.Svm(SvmExitCode.Cpuid);
        var counters = new PathCounters();

        Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(exit, default));
        Assert.Equal(NestedExitResult.Done, SvmExitRouter.Intercept(exit, state.Control, memory, ref counters));
        Assert.Equal(ExitRoute.ReflectToL1, Route(exit, default, state, memory));
    }

    [Fact]
    public void D10_ContinueThenHostRunsTheNormalL0Handler()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var exit = ExitInfo.Svm(SvmExitCode.Cpuid);
        var counters = new PathCounters();

        Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(exit, default));
        Assert.Equal(NestedExitResult.Host, SvmExitRouter.Intercept(exit, state.Control, memory, ref counters));
        Assert.Equal(ExitRoute.HandleInL0NotInterceptedByL1, Route(exit, default, state, memory));
    }

    [Theory]
    [InlineData(SvmExitCode.Intr)]
    [InlineData(SvmExitCode.Nmi)]
    [InlineData(SvmExitCode.Npf)]
    public void D11_IntrNmiAndNpfAreHost(SvmExitCode code) =>
        Assert.Equal(NestedExitResult.Host, SvmExitRouter.ExitSpecial(ExitInfo.Svm(code), default));

    [Fact]
    public void D11_ExceptionIsHostOnlyWhenVmcb01InterceptsThatVector()
    {
        var pf = ExitInfo.Svm(SvmExitCode.ExceptionPf);

        Assert.Equal(NestedExitResult.Host, SvmExitRouter.ExitSpecial(pf, new L0ExitContext(L0ExitFlags.None, 0, 1u << 14)));
        Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(pf, new L0ExitContext(L0ExitFlags.None, 0, 1u << 13)));
    }

    [Fact]
    public void D11_PageFaultWithHostAsyncPageFaultIsHost()
    {
        var l0 = new L0ExitContext(L0ExitFlags.HostAsyncPageFault);

        Assert.Equal(NestedExitResult.Host, SvmExitRouter.ExitSpecial(ExitInfo.Svm(SvmExitCode.ExceptionPf), l0));
        Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(ExitInfo.Svm(SvmExitCode.ExceptionGp), l0));
    }

    [Fact]
    public void D11_VmmcallIsHostOnlyForAnL2TlbFlushHypercall()
    {
        var all = L0ExitFlags.HvDirectFlushCpuid | L0ExitFlags.L2DirectHypercallGateOpen;
        var vmmcall = ExitInfo.Svm(SvmExitCode.Vmmcall);

        Assert.Equal(NestedExitResult.Host, SvmExitRouter.ExitSpecial(vmmcall, new L0ExitContext(all, 0x0013)));
        Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(vmmcall, new L0ExitContext(all, 0x0001)));
        Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(vmmcall, new L0ExitContext(L0ExitFlags.HvDirectFlushCpuid, 0x0013)));
        Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(vmmcall, new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x0013)));
    }

    [Fact]
    public void D11_EverythingElseContinues()
    {
        foreach (SvmExitCode code in new[] { SvmExitCode.Cpuid, SvmExitCode.Msr, SvmExitCode.Ioio, SvmExitCode.Hlt, SvmExitCode.Invalid, SvmExitCode.ReadCr0 })
            Assert.Equal(NestedExitResult.Continue, SvmExitRouter.ExitSpecial(ExitInfo.Svm(code), default));
    }

    [Fact]
    public void D12_MsrWithoutMsrProtIsHostEvenWhenTheBitIsSet()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        NestedFixtures.SetBit(memory, NestedFixtures.MsrpmGpa, (ulong)SvmInterceptBitmaps.MsrpmBit(0x10));
        var counters = new PathCounters();

        Assert.Equal(NestedExitResult.Host, SvmExitRouter.Intercept(ExitInfo.Svm(SvmExitCode.Msr, 0, 0, 0x10), state.Control, memory, ref counters));
        state.Control.SetIntercept(SvmInterceptBit.MsrProt);
        Assert.Equal(NestedExitResult.Done, SvmExitRouter.Intercept(ExitInfo.Svm(SvmExitCode.Msr, 0, 0, 0x10), state.Control, memory, ref counters));
    }

    [Fact]
    public void D12_ExceptionsAndErrAreDone()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var counters = new PathCounters();

        Assert.Equal(NestedExitResult.Done, SvmExitRouter.Intercept(ExitInfo.Svm(SvmExitCode.ExceptionUd), state.Control, memory, ref counters));
        Assert.Equal(NestedExitResult.Done, SvmExitRouter.Intercept(ExitInfo.Svm(SvmExitCode.Invalid), state.Control, memory, ref counters));
    }

    [Fact]
    public void D13_Upstream2026InjectsUdIntoL2ForAnUnhandledVmmcall()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();

        Assert.Equal(ExitRoute.InjectUdIntoL2, Route(ExitInfo.Svm(SvmExitCode.Vmmcall), default, state, memory));
    }

    [Fact]
    public void D13_Pre2026VmmcallNeverExitsWhenNeitherL1NorTheGateWantsIt()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();

        Assert.Equal(ExitRoute.UdInL2WithoutExit,
            Route(ExitInfo.Svm(SvmExitCode.Vmmcall), default, state, memory, SvmVmmcallPolicy.Pre2026ClearIntercept));
    }

    [Fact]
    public void D13_Pre2026WithTheGateOpenRanAnUnhandledVmmcallAsAHypercall()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var l0 = new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x0001);

        Assert.Equal(ExitRoute.HandleInL0NotInterceptedByL1,
            Route(ExitInfo.Svm(SvmExitCode.Vmmcall), l0, state, memory, SvmVmmcallPolicy.Pre2026ClearIntercept));
    }

    [Theory]
    [InlineData(SvmVmmcallPolicy.Pre2026ClearIntercept)]
    [InlineData(SvmVmmcallPolicy.Upstream2026InjectUd)]
    public void D13_L1InterceptingVmmcallGetsItUnderBothPolicies(SvmVmmcallPolicy policy)
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        state.Control.SetIntercept(SvmInterceptBit.Vmmcall);

        Assert.Equal(ExitRoute.ReflectToL1, Route(ExitInfo.Svm(SvmExitCode.Vmmcall), default, state, memory, policy));
    }

    [Fact]
    public void D13_RelayReturnsHostFromExitSpecialAndIsExemptFromTheUd()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var vmmcall = ExitInfo.Svm(SvmExitCode.Vmmcall, operand: 0x8000_005C);
        var l0 = new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x005C, relayMask: NestedHypervRelayMask.PostMessage);

        Assert.Equal(NestedExitResult.Host, SvmExitRouter.ExitSpecial(vmmcall, l0));
        Assert.Equal(ExitRoute.HandleInL0ByRelay, Route(vmmcall, l0, state, memory));
        // The same call without the mask: not intercepted by L1, so D-13's #UD.
        Assert.Equal(ExitRoute.InjectUdIntoL2, Route(vmmcall, new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x005C), state, memory));
    }

    [Fact]
    public void RelayTestBelongsToTheVmmcallRowOnly()
    {
        (NestedSvmState state, GuestMemory memory) = NestedFixtures.Svm();
        var l0 = new L0ExitContext(L0ExitFlags.L2DirectHypercallGateOpen, 0x005C, relayMask: NestedHypervRelayMask.All);

        Assert.Equal(ExitRoute.HandleInL0NotInterceptedByL1, Route(ExitInfo.Svm(SvmExitCode.Cpuid, operand: 0x8000_005C), l0, state, memory));
    }
}
