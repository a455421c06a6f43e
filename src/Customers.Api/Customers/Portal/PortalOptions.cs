namespace Customers.Api.Customers.Portal;

public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// The invitation link; {token} is replaced. The token goes after '#', so it never reaches a
    /// server's access log.
    /// </summary>
    public string InvitationUrl { get; set; } = "http://localhost:5080/set-password#token={token}";

    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>An absolute http(s) link whose {token} sits in the fragment, which browsers never send.</summary>
    public static bool IsInvitationUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var link)
        && (link.Scheme == Uri.UriSchemeHttp || link.Scheme == Uri.UriSchemeHttps)
        && url.IndexOf('#', StringComparison.Ordinal) is var fragment and >= 0
        && url.IndexOf("{token}", StringComparison.Ordinal) > fragment;
}
