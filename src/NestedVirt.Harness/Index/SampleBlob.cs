using System.Buffers.Binary;

namespace NestedVirt.Harness.Index;

/// <summary>Samples as the index stores them: IEEE doubles, little-endian, back to back.</summary>
internal static class SampleBlob
{
    /// <summary>The blob of a sample array.</summary>
    public static byte[] Pack(double[] samples)
    {
        byte[] blob = new byte[samples.Length * sizeof(double)];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(blob.AsSpan(i * sizeof(double)), samples[i]);
        }

        return blob;
    }

    /// <summary>The samples of a blob.</summary>
    public static double[] Unpack(ReadOnlySpan<byte> blob)
    {
        double[] samples = new double[blob.Length / sizeof(double)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadDoubleLittleEndian(blob[(i * sizeof(double))..]);
        }

        return samples;
    }
}
