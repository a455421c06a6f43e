using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Customers.Api.Auth;

public sealed class TokenService(IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly AuthOptions _options = options.Value;

    public static SymmetricSecurityKey KeyFrom(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    public LoginResponse Issue(User user)
    {
        var claims = new Dictionary<string, object>
        {
            [CustomerClaims.Subject] = user.Id.ToString(CultureInfo.InvariantCulture),
            [CustomerClaims.Role] = user.Role,
            [CustomerClaims.SecurityStamp] = user.SecurityStamp,
        };
        if (user.TenantId is { } tenantId)
        {
            claims[CustomerClaims.TenantId] = tenantId.ToString(CultureInfo.InvariantCulture);
        }
        if (user.CustomerId is { } customerId)
        {
            claims[CustomerClaims.CustomerId] = customerId.ToString(CultureInfo.InvariantCulture);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddSeconds(_options.TokenLifetimeSeconds),
            SigningCredentials = new SigningCredentials(KeyFrom(_options.SigningKey!), SecurityAlgorithms.HmacSha256),
        };
        var token = new JsonWebTokenHandler().CreateToken(descriptor);
        return new LoginResponse(token, "Bearer", _options.TokenLifetimeSeconds);
    }
}
