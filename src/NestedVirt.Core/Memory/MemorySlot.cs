namespace NestedVirt.Memory;

/// <summary>
/// One region of L1's guest-physical address space backed by host memory, as a KVM memslot
/// (<c>struct kvm_userspace_memory_region</c>): a base GPA and a size, both page-aligned.
/// </summary>
/// <param name="GpaBase">First guest-physical address of the slot (4 KiB aligned).</param>
/// <param name="Size">Size in bytes (a non-zero multiple of 4 KiB).</param>
public readonly record struct MemorySlot(ulong GpaBase, ulong Size)
{
    /// <summary>One past the last guest-physical address of the slot.</summary>
    public ulong GpaEnd => GpaBase + Size;
}
