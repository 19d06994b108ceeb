namespace NestedVirt.Harness.Results;

/// <summary>The outcome of <see cref="BoundedFile.Read"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Bytes">The content when <see cref="BoundedReadStatus.Ok"/>, else empty.</param>
/// <param name="Error">The operating system's message when <see cref="BoundedReadStatus.Unreadable"/>.</param>
public readonly record struct BoundedRead(BoundedReadStatus Status, byte[] Bytes, string? Error);
