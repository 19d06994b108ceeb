using System.Runtime.InteropServices;
using NestedVirt.Harness.Machine;

namespace NestedVirt.Harness.Instructions;

/// <summary>
/// What instruction counts depend on besides the code: the runtime (its JIT) and the CPU (the
/// instruction-set extensions the JIT uses). Counts are comparable only when both match.
/// </summary>
public static class InstructionMachine
{
    /// <summary>This process's runtime, e.g. <c>.NET 10.0.2</c>.</summary>
    public static string Runtime => RuntimeInformation.FrameworkDescription;

    /// <summary>The CPU model from /proc/cpuinfo, or the architecture when that is unreadable.</summary>
    public static string Cpu
    {
        get
        {
            try
            {
                string? model = CpuInfo.Parse(File.ReadAllText("/proc/cpuinfo")).Model;
                if (!string.IsNullOrWhiteSpace(model))
                {
                    return model;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not Linux, or a sandbox: fall back to the architecture.
            }

            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
