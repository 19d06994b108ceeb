using NestedVirt.Harness.Cli;

namespace NestedVirt.Harness.Tests.Reporting;

/// <summary>
/// Approval files, as BenchmarkDotNet pins its exporters: each exporter's output on a fixed
/// model is kept in <c>tests/NestedVirt.Harness.Tests/Approved/&lt;name&gt;.approved.&lt;ext&gt;</c>.
/// A difference fails the test and leaves <c>&lt;name&gt;.received.&lt;ext&gt;</c> beside it;
/// review the diff and move it over the approved file when the change is intended.
/// </summary>
internal static class Approval
{
    public static string Folder { get; } =
        Path.Combine(RepositoryLocator.Find(AppContext.BaseDirectory), "tests", "NestedVirt.Harness.Tests", "Approved");

    public static string Approved(string name, string extension) => Path.Combine(Folder, $"{name}.approved.{extension}");

    public static void Verify(string name, string extension, string actual)
    {
        string approved = Approved(name, extension);
        string received = Path.Combine(Folder, $"{name}.received.{extension}");
        string expected = File.Exists(approved) ? File.ReadAllText(approved) : "";
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail($"{name}: output differs from {approved}; see {received}");
    }
}
