using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.JSInterop;

namespace Customers.Web.Session;

/// <summary>
/// The signed-in user: the API's token, what it says (role, tenant, expiry), and the tenant a
/// platform admin works in. Kept in the browser tab's sessionStorage, so it lives as long as the
/// tab and a reload keeps it; no server holds any of it.
/// </summary>
public sealed class UserSession(IJSRuntime js)
{
    private const string StorageKey = "customers.session";

    public string? Token { get; private set; }
    public string Role { get; private set; } = "";
    public int? UserId { get; private set; }
    public int? TokenTenantId { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>The tenant a platform admin picked (staff always work in their own).</summary>
    public int? ChosenTenantId { get; private set; }
    public string? TenantName { get; private set; }

    public bool IsSignedIn => Token is not null;
    public bool IsPlatformAdmin => Role == Roles.PlatformAdmin;
    public bool IsAdmin => Role is Roles.PlatformAdmin or Roles.TenantAdmin;
    public int? TenantId => IsPlatformAdmin ? ChosenTenantId : TokenTenantId;

    /// <summary>Raised when the user signs in or out, or picks a tenant.</summary>
    public event Action? Changed;

    public async Task RestoreAsync()
    {
        var stored = await js.InvokeAsync<string?>("sessionStorage.getItem", StorageKey);
        if (stored is null)
        {
            return;
        }
        var saved = JsonSerializer.Deserialize<Saved>(stored);
        if (saved?.Token is { } token && Read(token))
        {
            ChosenTenantId = saved.ChosenTenantId;
            TenantName = saved.TenantName;
        }
    }

    /// <summary>Takes a token from a sign-in; false when it cannot be read.</summary>
    public async Task<bool> SignInAsync(string token)
    {
        if (!Read(token))
        {
            return false;
        }
        ChosenTenantId = null;
        TenantName = null;
        await SaveAsync();
        return true;
    }

    public async Task ChooseTenantAsync(int tenantId, string name)
    {
        ChosenTenantId = tenantId;
        TenantName = name;
        await SaveAsync();
    }

    public async Task SignOutAsync()
    {
        Token = null;
        Role = "";
        UserId = TokenTenantId = ChosenTenantId = null;
        TenantName = null;
        await js.InvokeVoidAsync("sessionStorage.removeItem", StorageKey);
        Changed?.Invoke();
    }

    private async Task SaveAsync()
    {
        await js.InvokeVoidAsync("sessionStorage.setItem", StorageKey, JsonSerializer.Serialize(new Saved(Token, ChosenTenantId, TenantName)));
        Changed?.Invoke();
    }

    /// <summary>Reads the token's claims (its signature is the API's business, not the page's).</summary>
    private bool Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }
        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
            using var claims = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            var root = claims.RootElement;
            Role = root.TryGetProperty("role", out var role) ? role.GetString() ?? "" : "";
            UserId = root.TryGetProperty("sub", out var sub) && int.TryParse(sub.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
                ? userId
                : null;
            TokenTenantId = root.TryGetProperty("tenant_id", out var tenant) && int.TryParse(tenant.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : null;
            ExpiresAt = root.TryGetProperty("exp", out var exp) ? DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) : DateTimeOffset.MaxValue;
            Token = token;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    private sealed record Saved(string? Token, int? ChosenTenantId, string? TenantName);
}
