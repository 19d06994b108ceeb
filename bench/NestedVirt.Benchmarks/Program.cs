namespace NestedVirt.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("nvbench: no verbs yet");
        return 2;
    }
}
