namespace NestedVirt.Harness.Tests.Kvm;

/// <summary>
/// Whether this test machine lets us open /dev/kvm read-write, found without the code under
/// test (plain <see cref="File.Open(string, FileMode, FileAccess)"/>), so tests can tell a
/// correct "skipped" from a wrong one.
/// </summary>
internal static class KvmAvailability
{
    public const string Device = "/dev/kvm";

    public static bool CanOpenDevice()
    {
        try
        {
            using var stream = File.Open(Device, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
