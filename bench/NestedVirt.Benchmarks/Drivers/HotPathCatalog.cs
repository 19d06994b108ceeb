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

    /// <summary>A fresh, unprepared hot path for <paramref name="id"/>, or null when the id is unknown.</summary>
    /// <param name="id">One of <see cref="Ids"/>.</param>
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
#if INTEL_VMX
        "exit.vmx.plain" => new PlainExitHotPath(id, CpuVendor.Intel),
#endif
#if AMD_SVM
        "exit.svm.plain" => new PlainExitHotPath(id, CpuVendor.Amd),
#endif
        _ => null,
    };
}
