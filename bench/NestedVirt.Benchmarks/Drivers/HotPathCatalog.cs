#if NESTED_VIRT && INTEL_VMX && AMD_SVM
using NestedVirt.Benchmarks.Paging;
using NestedVirt.Paging;
#endif
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// The headline hot paths whose instructions per operation CI tracks. Ids are permanent. A build
/// with a switch off (build/NestedVirt.Features.props) has only the paths its core contains.
/// </summary>
public static class HotPathCatalog
{
    /// <summary>Every id, in report order.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        "walk.ept.1d.4l",
        "walk.npt.1d.4l",
        "walk.ept.2d.4x4",
        "walk.npt.2d.4x4",
#endif
#if NESTED_VIRT && INTEL_VMX
        "relay.vmx.postmessage",
        "reflect.vmx.postmessage",
#endif
#if NESTED_VIRT && AMD_SVM
        "relay.svm.postmessage",
        "reflect.svm.postmessage",
#endif
#if NESTED_VIRT && INTEL_VMX
        "route.vmx.mix",
#endif
#if NESTED_VIRT && AMD_SVM
        "route.svm.mix",
#endif
#if INTEL_VMX
        "exit.vmx.plain",
#endif
#if AMD_SVM
        "exit.svm.plain",
#endif
    ];

    /// <summary>
    /// The C reference walkers, each the C# walk of the same id without <c>.c</c>: counted beside
    /// it by <c>icount</c> for the C#/C instruction ratio, never gated (their counts belong to
    /// the C compiler, and they need <c>libnvwalk</c>).
    /// </summary>
    public static IReadOnlyList<string> NativeIds { get; } =
    [
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        "walk.ept.1d.4l.c",
        "walk.npt.1d.4l.c",
        "walk.ept.2d.4x4.c",
        "walk.npt.2d.4x4.c",
#endif
    ];

    /// <summary>
    /// A fresh, unprepared hot path for <paramref name="id"/>: one of <see cref="Ids"/> or
    /// <see cref="NativeIds"/>, or any benchmark id (<see cref="BenchmarkCaseHotPath"/>); null
    /// when the id is unknown.
    /// </summary>
    /// <param name="id">A hot-path id, a C walker id or a permanent benchmark id.</param>
    public static HotPath? Create(string id) => id switch
    {
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        "walk.ept.1d.4l" => new WalkHotPath<EptFormat>(id, NestedFormat.Ept, WalkDimension.OneD),
        "walk.npt.1d.4l" => new WalkHotPath<NptFormat>(id, NestedFormat.Npt, WalkDimension.OneD),
        "walk.ept.2d.4x4" => new WalkHotPath<EptFormat>(id, NestedFormat.Ept, WalkDimension.TwoD),
        "walk.npt.2d.4x4" => new WalkHotPath<NptFormat>(id, NestedFormat.Npt, WalkDimension.TwoD),
#endif
#if NESTED_VIRT && INTEL_VMX
        "relay.vmx.postmessage" => new HypercallHotPath(id, CpuVendor.Intel, relay: true),
        "reflect.vmx.postmessage" => new HypercallHotPath(id, CpuVendor.Intel, relay: false),
        "route.vmx.mix" => new RoutingHotPath(id, CpuVendor.Intel),
#endif
#if NESTED_VIRT && AMD_SVM
        "relay.svm.postmessage" => new HypercallHotPath(id, CpuVendor.Amd, relay: true),
        "reflect.svm.postmessage" => new HypercallHotPath(id, CpuVendor.Amd, relay: false),
        "route.svm.mix" => new RoutingHotPath(id, CpuVendor.Amd),
#endif
#if NESTED_VIRT && INTEL_VMX && AMD_SVM
        "walk.ept.1d.4l.c" => new NativeWalkHotPath(id, NestedFormat.Ept, WalkDimension.OneD),
        "walk.npt.1d.4l.c" => new NativeWalkHotPath(id, NestedFormat.Npt, WalkDimension.OneD),
        "walk.ept.2d.4x4.c" => new NativeWalkHotPath(id, NestedFormat.Ept, WalkDimension.TwoD),
        "walk.npt.2d.4x4.c" => new NativeWalkHotPath(id, NestedFormat.Npt, WalkDimension.TwoD),
#endif
#if INTEL_VMX
        "exit.vmx.plain" => new PlainExitHotPath(id, CpuVendor.Intel),
#endif
#if AMD_SVM
        "exit.svm.plain" => new PlainExitHotPath(id, CpuVendor.Amd),
#endif
        _ => BenchmarkCaseHotPath.Create(id),
    };

    /// <summary>Operations per driver iteration of <paramref name="id"/>: the case's OperationsPerInvoke, 1 for the hot paths.</summary>
    /// <param name="id">A hot-path id or a benchmark id.</param>
    public static int OperationsPerIteration(string id) => Create(id) is BenchmarkCaseHotPath c ? c.OperationsPerInvoke : 1;
}
