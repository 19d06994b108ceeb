using NestedVirt.Benchmarks.Paging;
using NestedVirt.Paging;
using NestedVirt.X86;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// The headline hot paths whose instructions per operation CI tracks. Ids are permanent.
/// </summary>
public static class HotPathCatalog
{
    /// <summary>Every id, in report order.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        "walk.ept.1d.4l",
        "walk.npt.1d.4l",
        "walk.ept.2d.4x4",
        "walk.npt.2d.4x4",
        "relay.vmx.postmessage",
        "reflect.vmx.postmessage",
        "relay.svm.postmessage",
        "reflect.svm.postmessage",
    ];

    /// <summary>A fresh, unprepared hot path for <paramref name="id"/>, or null when the id is unknown.</summary>
    /// <param name="id">One of <see cref="Ids"/>.</param>
    public static HotPath? Create(string id) => id switch
    {
        "walk.ept.1d.4l" => new WalkHotPath<EptFormat>(id, NestedFormat.Ept, WalkDimension.OneD),
        "walk.npt.1d.4l" => new WalkHotPath<NptFormat>(id, NestedFormat.Npt, WalkDimension.OneD),
        "walk.ept.2d.4x4" => new WalkHotPath<EptFormat>(id, NestedFormat.Ept, WalkDimension.TwoD),
        "walk.npt.2d.4x4" => new WalkHotPath<NptFormat>(id, NestedFormat.Npt, WalkDimension.TwoD),
        "relay.vmx.postmessage" => new HypercallHotPath(id, CpuVendor.Intel, relay: true),
        "reflect.vmx.postmessage" => new HypercallHotPath(id, CpuVendor.Intel, relay: false),
        "relay.svm.postmessage" => new HypercallHotPath(id, CpuVendor.Amd, relay: true),
        "reflect.svm.postmessage" => new HypercallHotPath(id, CpuVendor.Amd, relay: false),
        _ => null,
    };
}
