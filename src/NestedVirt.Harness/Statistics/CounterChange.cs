namespace NestedVirt.Harness.Statistics;

/// <summary>One deterministic counter whose value differs between base and head.</summary>
/// <param name="Name">Counter name (a <c>PathCounters</c> field name).</param>
/// <param name="BaseValue">Value in base, or null when base does not have the counter.</param>
/// <param name="HeadValue">Value in head, or null when head does not have the counter.</param>
public sealed record CounterChange(string Name, double? BaseValue, double? HeadValue);
