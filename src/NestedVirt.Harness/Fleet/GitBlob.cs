using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NestedVirt.Harness.Fleet;

/// <summary>
/// The id git gives a file's content: SHA-1 of <c>"blob &lt;size&gt;\0"</c> followed by the bytes
/// (Pro Git, "Git Objects"). Computing it here tells whether a results branch already holds a
/// local file without asking git for every file.
/// </summary>
internal static class GitBlob
{
    /// <summary>The blob id of <paramref name="content"/>, lower-case hex.</summary>
    public static string Id(ReadOnlySpan<byte> content)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        sha.AppendData(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"blob {content.Length}\0")));
        sha.AppendData(content);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
