namespace NestedVirt.Harness.Instructions;

/// <summary>
/// Runs an external tool to completion with extra environment variables (the JIT settings that
/// make callgrind counts repeatable). Injected so tests run without valgrind or a compiler.
/// </summary>
public interface IToolRunner
{
    /// <summary>Runs <paramref name="fileName"/> and waits for it.</summary>
    /// <param name="fileName">Program to start.</param>
    /// <param name="arguments">Arguments, passed without shell interpretation.</param>
    /// <param name="environment">Variables added to (or replacing those of) this process's environment.</param>
    /// <param name="workingDirectory">Working directory of the child.</param>
    /// <returns>Exit code and output.</returns>
    ToolResult Run(string fileName, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory);
}
