namespace Customers.Api.Auth;

/// <summary>
/// Signing keys that are public (they are in this repository): a token signed with one can be
/// forged by anybody, so outside Development the service refuses to start with one.
/// </summary>
public static class KnownSigningKeys
{
    public static readonly string[] All =
    [
        // appsettings.Development.json
        "development-only-signing-key-change-me-0123456789",
    ];
}
