using NestedVirt.Benchmarks.Paging;
using NestedVirt.Paging;

namespace NestedVirt.Benchmarks.Drivers;

/// <summary>
/// The headline hot paths whose instructions per operation CI tracks. Ids are permanent.
/// (No relay ids yet: the relay is not in the core on this branch; add <c>relay.*</c> here when it is.)
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
    ];

    /// <summary>A fresh, unprepared hot path for <paramref name="id"/>, or null when the id is unknown.</summary>
    /// <param name="id">One of <see cref="Ids"/>.</param>
    public static HotPath? Create(string id) => id switch
    {
        "walk.ept.1d.4l" => new WalkHotPath<EptFormat>(id, NestedFormat.Ept, WalkDimension.OneD),
        "walk.npt.1d.4l" => new WalkHotPath<NptFormat>(id, NestedFormat.Npt, WalkDimension.OneD),
        "walk.ept.2d.4x4" => new WalkHotPath<EptFormat>(id, NestedFormat.Ept, WalkDimension.TwoD),
        "walk.npt.2d.4x4" => new WalkHotPath<NptFormat>(id, NestedFormat.Npt, WalkDimension.TwoD),
        _ => null,
    };
}
