namespace NestedVirt.Harness.Results;

/// <summary>How a <see cref="BoundedFile.Read"/> ended.</summary>
public enum BoundedReadStatus
{
    /// <summary>The whole file was read; <see cref="BoundedRead.Bytes"/> holds it.</summary>
    Ok,

    /// <summary>Nothing exists at the path.</summary>
    Missing,

    /// <summary>The path is a folder.</summary>
    Folder,

    /// <summary>The file holds more than the limit (or is endless, like <c>/dev/zero</c>).</summary>
    TooLarge,

    /// <summary>The file exists but could not be opened or read; <see cref="BoundedRead.Error"/> says why.</summary>
    Unreadable,
}
