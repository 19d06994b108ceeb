using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NestedVirt.Harness.Machine;

/// <summary>
/// The stable machine id that names a machine's folder under <c>results/</c>:
/// <c>&lt;cpu model slug&gt;-&lt;N&gt;cpu-&lt;8 hex&gt;</c>, e.g. <c>amd-epyc-2cpu-3f9c01ab</c>. The slug keeps
/// it readable; the hash (SHA-256 of CPU model, logical CPUs, memory rounded to GiB,
/// /etc/machine-id and the virtualization kind) keeps two similar machines apart. Only inputs
/// that survive a reboot go in, so the id is the same for every run on one machine.
/// </summary>
public static class MachineId
{
    /// <summary>Longest CPU-model slug kept, so folder names stay short.</summary>
    public const int MaxSlugLength = 40;

    private static readonly HashSet<string> NoiseWords = new(StringComparer.Ordinal) { "r", "tm", "c", "cpu", "processor" };

    /// <summary>Computes the id.</summary>
    /// <param name="cpuModel">CPU model name (empty when unknown).</param>
    /// <param name="logicalCores">Logical CPUs of the machine.</param>
    /// <param name="memoryTotalBytes">MemTotal, or null when unknown.</param>
    /// <param name="systemMachineId">Content of /etc/machine-id, or null when unreadable.</param>
    /// <param name="virtualization"><c>vm</c>, <c>bare-metal</c> or <c>unknown</c>.</param>
    /// <returns>The id: lowercase ASCII letters, digits and dashes.</returns>
    public static string Compute(string cpuModel, int logicalCores, long? memoryTotalBytes, string? systemMachineId, string virtualization)
    {
        // MemTotal moves by a few MiB when a new kernel reserves more memory; rounding to the
        // nearest GiB keeps the id across kernel updates.
        string memoryGiB = memoryTotalBytes is long bytes
            ? ((bytes + (1L << 29)) >> 30).ToString(CultureInfo.InvariantCulture)
            : "?";
        string fingerprint = string.Join('\n',
            "cpu=" + cpuModel.Trim(),
            "cores=" + logicalCores.ToString(CultureInfo.InvariantCulture),
            "memory-gib=" + memoryGiB,
            "machine-id=" + (systemMachineId ?? "").Trim(),
            "virtualization=" + virtualization);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(fingerprint));
        string shortHash = Convert.ToHexStringLower(hash, 0, 4);
        return $"{Slug(cpuModel)}-{logicalCores.ToString(CultureInfo.InvariantCulture)}cpu-{shortHash}";
    }

    /// <summary>A lowercase, dash-separated form of a CPU model without trademark noise.</summary>
    /// <param name="cpuModel">E.g. <c>Intel(R) Xeon(R) Gold 6152 CPU @ 2.10GHz</c>.</param>
    /// <returns>E.g. <c>intel-xeon-gold-6152-2-10ghz</c>; <c>cpu</c> when nothing is left.</returns>
    public static string Slug(string cpuModel)
    {
        var slug = new StringBuilder(MaxSlugLength);
        var word = new StringBuilder();
        foreach (char c in cpuModel.ToLowerInvariant() + " ")
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0 && !NoiseWords.Contains(word.ToString()))
            {
                int needed = word.Length + (slug.Length > 0 ? 1 : 0);
                if (slug.Length + needed > MaxSlugLength)
                {
                    break;
                }

                slug.Append(slug.Length > 0 ? "-" : "").Append(word);
            }

            word.Clear();
        }

        return slug.Length == 0 ? "cpu" : slug.ToString();
    }
}
