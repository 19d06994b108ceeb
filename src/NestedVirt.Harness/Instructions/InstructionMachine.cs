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

    /// <summary>
    /// The instruction sets the counted code may use: the pin of
    /// <see cref="CallgrindRunner.DotnetEnvironment"/> on x86-64, the architecture elsewhere.
    /// Counts taken with the same runtime and the same ISA agree on every CPU model.
    /// </summary>
    public static string Isa => RuntimeInformation.ProcessArchitecture == Architecture.X64
        ? CallgrindRunner.IsaPin
        : RuntimeInformation.ProcessArchitecture.ToString();

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
