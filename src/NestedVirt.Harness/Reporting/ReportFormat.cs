namespace NestedVirt.Harness.Reporting;

/// <summary>Output format of a comparison.</summary>
public enum ReportFormat
{
    /// <summary>Plain ASCII table for a terminal (72 columns).</summary>
    Text,

    /// <summary>GitHub-flavoured Markdown table (pull-request comments).</summary>
    Markdown,

    /// <summary>JSON for machines.</summary>
    Json,
}
