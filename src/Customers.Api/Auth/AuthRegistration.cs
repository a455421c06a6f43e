using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Customers.Api.Auth;

public static class AuthRegistration
{
    public static IHostApplicationBuilder AddCustomersAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, authOptions) =>
            {
                var auth = authOptions.Value;
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.NameClaimType = CustomerClaims.Subject;
                jwt.TokenValidationParameters.RoleClaimType = CustomerClaims.Role;
                if (!string.IsNullOrWhiteSpace(auth.Authority))
                {
                    jwt.Authority = auth.Authority;
                    jwt.Audience = auth.Audience;
                    return;
                }
                jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
                jwt.TokenValidationParameters.ValidAudience = auth.Audience;
                jwt.TokenValidationParameters.IssuerSigningKey = TokenService.KeyFrom(auth.SigningKey ?? "");
                jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                jwt.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
                // Our own tokens can be withdrawn: a disabled user or a changed stamp ends them at once.
                jwt.Events = new JwtBearerEvents { OnTokenValidated = RefuseWithdrawnAsync };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.TenantMember, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new TenantAccessRequirement()))
            .AddPolicy(Policies.TenantAdmin, policy => policy
                .RequireAuthenticatedUser()
                .RequireRole(Roles.PlatformAdmin, Roles.TenantAdmin));
        services.AddSingleton<IAuthorizationHandler, TenantAccessHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, OtherCustomerNotFoundHandler>();

        services.AddMemoryCache();
        services.AddSingleton<UserAccessCache>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<TokenService>();
        return builder;
    }

    private static async Task RefuseWithdrawnAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var access = context.HttpContext.RequestServices.GetRequiredService<UserAccessCache>();
        var current = int.TryParse(principal.FindFirst(CustomerClaims.Subject)?.Value, out var userId)
            && principal.FindFirst(CustomerClaims.SecurityStamp)?.Value is { } stamp
            && (principal.FindFirst(CustomerClaims.Role)?.Value == Roles.Customer
                ? await access.IsPortalAccessCurrentAsync(userId, stamp, context.HttpContext.RequestAborted)
                : await access.IsCurrentAsync(userId, stamp, context.HttpContext.RequestAborted));
        if (!current)
        {
            context.Fail("The token has been withdrawn");
        }
    }
}
