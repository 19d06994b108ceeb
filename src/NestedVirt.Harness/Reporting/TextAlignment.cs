namespace NestedVirt.Harness.Reporting;

/// <summary>Alignment of a <see cref="TextTable"/> column.</summary>
public enum TextAlignment
{
    /// <summary>Padded on the right (names, words).</summary>
    Left,

    /// <summary>Padded on the left (numbers, so their digits line up).</summary>
    Right,
}
