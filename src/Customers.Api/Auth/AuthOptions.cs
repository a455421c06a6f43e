using System.ComponentModel.DataAnnotations;

namespace Customers.Api.Auth;

public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>HS256 key for the tokens this service issues. Required unless an Authority is set.</summary>
    public string? SigningKey { get; set; }

    /// <summary>An external OpenID Connect authority; when set, its tokens are accepted instead.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "customers";
    public string Audience { get; set; } = "customers";

    [Range(60, 86_400)]
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Failed logins in a row of one account from one client that block that pair (for 1 minute, then doubling).</summary>
    [Range(1, 100)]
    public int MaxFailedLogins { get; set; } = 5;

    /// <summary>The longest block of an account from one client; the blocks double up to it from 1 minute.</summary>
    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// How long an instance trusts what it last read of a user's access (disabled, security
    /// stamp): the longest a withdrawn token still works on an instance that did not make the change.
    /// </summary>
    [Range(0, 300)]
    public int AccessCacheSeconds { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Authority) && (SigningKey is null || SigningKey.Length < 32))
        {
            yield return new ValidationResult(
                "Auth:SigningKey must be set to at least 32 characters (or Auth:Authority to an OpenID Connect issuer)",
                [nameof(SigningKey)]);
        }
    }
}
