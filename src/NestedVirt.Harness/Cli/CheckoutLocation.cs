namespace NestedVirt.Harness.Cli;

/// <summary>Where <see cref="RepositoryLocator.Locate"/> found the checkout.</summary>
/// <param name="Root">The checkout root, or the current folder when there is none.</param>
/// <param name="Warning">One line saying where results go when no checkout was found, else null.</param>
public sealed record CheckoutLocation(string Root, string? Warning);
