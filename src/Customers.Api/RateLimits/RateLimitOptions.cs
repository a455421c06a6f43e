namespace Customers.Api.RateLimits;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Bulk, export and import requests per user per minute.</summary>
    public int HeavyPerMinute { get; set; } = 60;

    /// <summary>Every other request per user (or per client address, before login) per minute.</summary>
    public int PerMinute { get; set; } = 1200;

    /// <summary>Login attempts per client address per minute, counted apart from everything else.</summary>
    public int LoginPerMinute { get; set; } = 30;
}
