namespace Customers.Api.Data;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo tenants, users and customers into an empty database (never in Production).</summary>
    public bool Seed { get; set; }
}
