namespace NestedVirt.Harness.Cli;

/// <summary>How many values an option takes.</summary>
public enum OptionArity
{
    /// <summary>None: <c>--strict</c>.</summary>
    Flag,

    /// <summary>Exactly one: <c>--format json</c> or <c>--format=json</c>; repeating it keeps the last.</summary>
    One,

    /// <summary>
    /// One or more, as BenchmarkDotNet takes them: <c>--filter '*Walk*' 'rvr/*'</c> consumes words
    /// up to the next option; repeating the option adds more.
    /// </summary>
    Many,
}
