using System.Globalization;
using System.Runtime.InteropServices;
using NestedVirt.Harness.Kvm.Interop;
using NestedVirt.Kvm;

namespace NestedVirt.Harness.Kvm;

/// <summary>
/// One VM with 64 KiB of RAM at guest physical 0 and one vCPU in real mode with CS base 0, the
/// smallest machine KVM will run (as in LWN's "Using the KVM API" walkthrough and
/// Documentation/virt/kvm/api.rst). No in-kernel irqchip is created, so port I/O and HLT both
/// reach userspace. Owns every fd and mapping it creates and releases them in reverse order.
/// </summary>
internal sealed unsafe class RealModeVm : IDisposable
{
    private const ulong RamSize = 0x10000;

    private readonly FileDescriptor vm;
    private readonly MemoryMapping ram;
    private readonly FileDescriptor vcpu;
    private readonly MemoryMapping run;

    private RealModeVm(FileDescriptor vm, MemoryMapping ram, FileDescriptor vcpu, MemoryMapping run)
    {
        this.vm = vm;
        this.ram = ram;
        this.vcpu = vcpu;
        this.run = run;
    }

    /// <summary>Creates the VM, its RAM and its vCPU, and puts CS at base 0.</summary>
    /// <returns>False with a one-line reason naming the failing call; nothing is left open.</returns>
    public static bool TryCreate(KvmDevice device, out RealModeVm? machine, out string reason)
    {
        machine = null;
        FileDescriptor? vm = null;
        MemoryMapping? ram = null;
        FileDescriptor? vcpu = null;
        MemoryMapping? run = null;
        try
        {
            int vmFd = LibC.Ioctl(device.Fd, KvmIoctl.CreateVm, 0);
            if (vmFd < 0)
                return Fail("KVM_CREATE_VM", Marshal.GetLastPInvokeError(), out reason);
            vm = new FileDescriptor(vmFd);

            const int anonymous = LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE;
            if (!MemoryMapping.TryMap((nuint)RamSize, anonymous, -1, out ram, out int errno))
                return Fail("mmap of guest RAM", errno, out reason);

            var region = new KvmUserspaceMemoryRegion
            {
                Slot = 0,
                GuestPhysicalAddress = 0,
                MemorySize = RamSize,
                UserspaceAddress = (ulong)ram!.Address,
            };
            if (LibC.Ioctl(vm.Fd, KvmIoctl.SetUserMemoryRegion, (nint)(&region)) < 0)
                return Fail("KVM_SET_USER_MEMORY_REGION", Marshal.GetLastPInvokeError(), out reason);

            int vcpuFd = LibC.Ioctl(vm.Fd, KvmIoctl.CreateVcpu, 0);
            if (vcpuFd < 0)
                return Fail("KVM_CREATE_VCPU", Marshal.GetLastPInvokeError(), out reason);
            vcpu = new FileDescriptor(vcpuFd);

            if (!MemoryMapping.TryMap((nuint)device.VcpuMmapSize, LibC.MAP_SHARED, vcpu.Fd, out run, out errno))
                return Fail("mmap of kvm_run", errno, out reason);

            // The vCPU resets to CS selector F000h, base FFFF0000h (SDM 3A 10.1.4, "First
            // Instruction Executed"); the guest lives at 0x1000, so CS becomes selector 0, base 0.
            KvmSregs sregs;
            if (LibC.Ioctl(vcpu.Fd, KvmIoctl.GetSregs, (nint)(&sregs)) < 0)
                return Fail("KVM_GET_SREGS", Marshal.GetLastPInvokeError(), out reason);
            sregs.Cs.Base = 0;
            sregs.Cs.Selector = 0;
            if (LibC.Ioctl(vcpu.Fd, KvmIoctl.SetSregs, (nint)(&sregs)) < 0)
                return Fail("KVM_SET_SREGS", Marshal.GetLastPInvokeError(), out reason);

            machine = new RealModeVm(vm, ram, vcpu, run!);
            reason = "";
            return true;
        }
        finally
        {
            if (machine is null)
            {
                run?.Dispose();
                vcpu?.Dispose();
                vm?.Dispose();
                ram?.Dispose();
            }
        }
    }

    /// <summary>Copies <paramref name="program"/> to <see cref="GuestProgram.CodeAddress"/>, after zeroing the page.</summary>
    public void Load(GuestProgram program)
    {
        var page = new Span<byte>((byte*)ram.Address + GuestProgram.CodeAddress, 4096);
        page.Clear();
        program.Code.CopyTo(page);
    }

    /// <summary>Points the vCPU at the loaded program with EDI = <paramref name="iterations"/>.</summary>
    public bool TryStart(uint iterations, out string reason)
    {
        // RFLAGS bit 1 is reserved and must be 1 (SDM 1 3.4.3); everything else starts at 0.
        var regs = new KvmRegs { Rip = GuestProgram.CodeAddress, Rflags = 0x2, Rdi = iterations };
        if (LibC.Ioctl(vcpu.Fd, KvmIoctl.SetRegs, (nint)(&regs)) < 0)
            return Fail("KVM_SET_REGS", Marshal.GetLastPInvokeError(), out reason);
        reason = "";
        return true;
    }

    /// <summary>Reads the vCPU's general registers.</summary>
    public bool TryGetRegs(out KvmRegs regs, out string reason)
    {
        KvmRegs value;
        if (LibC.Ioctl(vcpu.Fd, KvmIoctl.GetRegs, (nint)(&value)) < 0)
        {
            regs = default;
            return Fail("KVM_GET_REGS", Marshal.GetLastPInvokeError(), out reason);
        }

        regs = value;
        reason = "";
        return true;
    }

    /// <summary>
    /// Runs the loaded program until its final OUT, counting the userspace exits its loop makes.
    /// Allocation-free unless it fails: this loop is what the calibrator times.
    /// </summary>
    /// <returns>True at the final OUT; false with a reason on any exit the program does not make.</returns>
    public bool TryRunToEnd(LoopExit loopExit, out long loopExits, out string reason)
    {
        byte* kvmRun = (byte*)run.Address;
        var io = (KvmRunIo*)(kvmRun + KvmRunLayout.IoOffset);
        int fd = vcpu.Fd;
        long exits = 0;
        while (true)
        {
            if (LibC.Ioctl(fd, KvmIoctl.Run, 0) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();

                // The runtime suspends threads with signals; KVM_RUN then returns EINTR and is retried.
                if (errno == LinuxErrno.EINTR || errno == LinuxErrno.EAGAIN)
                    continue;
                loopExits = exits;
                return Fail("KVM_RUN", errno, out reason);
            }

            var exitReason = (KvmExitReason)(*(uint*)(kvmRun + KvmRunLayout.ExitReasonOffset));
            if (exitReason == KvmExitReason.Io && io->Direction == KvmRunIo.DirectionOut && io->Size == 1)
            {
                byte data = kvmRun[io->DataOffset];
                if (loopExit == LoopExit.Io && io->Port == GuestProgram.LoopPort && data == GuestProgram.LoopMarker)
                {
                    exits++;
                    continue;
                }

                if (io->Port == GuestProgram.DonePort && data == GuestProgram.DoneMarker)
                {
                    loopExits = exits;
                    reason = "";
                    return true;
                }
            }
            else if (exitReason == KvmExitReason.Hlt && loopExit == LoopExit.Hlt)
            {
                exits++;
                continue;
            }
            else if (exitReason == KvmExitReason.Intr)
            {
                continue;
            }

            loopExits = exits;
            reason = UnexpectedExit(exitReason, io, kvmRun, exits);
            return false;
        }
    }

    /// <summary>
    /// <paramref name="iterations"/> KVM_RUN calls with <c>kvm_run.immediate_exit</c> set: each
    /// returns -EINTR (KVM_EXIT_INTR) before the guest runs (Documentation/virt/kvm/api.rst,
    /// "immediate_exit"), so one call is the cost of the ioctl, loading and putting the vCPU.
    /// Allocation-free unless it fails.
    /// </summary>
    public bool TryRunImmediateExits(long iterations, out string reason)
    {
        byte* kvmRun = (byte*)run.Address;
        int fd = vcpu.Fd;
        kvmRun[KvmRunLayout.ImmediateExitOffset] = 1;
        try
        {
            for (long i = 0; i < iterations; i++)
            {
                if (LibC.IoctlUnchecked(fd, KvmIoctl.Run, 0) == 0)
                {
                    reason = "KVM_RUN with immediate_exit entered the guest (kernel without immediate_exit?)";
                    return false;
                }
            }

            // One more call, errno saved: every call above failed the same way, and it must be EINTR.
            int last = LibC.Ioctl(fd, KvmIoctl.Run, 0);
            int errno = Marshal.GetLastPInvokeError();
            if (last == 0 || errno != LinuxErrno.EINTR)
                return Fail("KVM_RUN with immediate_exit", errno, out reason);
        }
        finally
        {
            kvmRun[KvmRunLayout.ImmediateExitOffset] = 0;
        }

        reason = "";
        return true;
    }

    /// <summary>Unmaps kvm_run, closes the vCPU and the VM, then unmaps the RAM the VM used.</summary>
    public void Dispose()
    {
        run.Dispose();
        vcpu.Dispose();
        vm.Dispose();
        ram.Dispose();
    }

    private static bool Fail(string call, int errno, out string reason)
    {
        reason = call + " failed: " + LibC.DescribeErrno(errno);
        return false;
    }

    private static string UnexpectedExit(KvmExitReason exitReason, KvmRunIo* io, byte* kvmRun, long exitsSoFar)
    {
        var text = "unexpected exit " + exitReason.ToString() + " ("
            + ((uint)exitReason).ToString(CultureInfo.InvariantCulture) + ") after "
            + exitsSoFar.ToString(CultureInfo.InvariantCulture) + " loop exits";
        if (exitReason == KvmExitReason.Io)
        {
            text += string.Create(CultureInfo.InvariantCulture,
                $": port 0x{io->Port:x4}, direction {io->Direction}, size {io->Size}, data 0x{kvmRun[io->DataOffset]:x2}");
        }

        return text;
    }
}
