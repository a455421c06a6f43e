using Microsoft.Extensions.Options;

namespace Customers.Api.Auth;

/// <summary>Outside Development the signing key must not be one of the <see cref="KnownSigningKeys"/>.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        !environment.IsDevelopment() && options.SigningKey is { } key && KnownSigningKeys.All.Contains(key, StringComparer.Ordinal)
            ? ValidateOptionsResult.Fail(
                $"Auth:SigningKey is the development key from this repository, which anybody can use to forge tokens: set a secret key of your own for {environment.EnvironmentName}")
            : ValidateOptionsResult.Success;
}
