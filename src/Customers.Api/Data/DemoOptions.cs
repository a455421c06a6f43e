using Microsoft.Extensions.Hosting;

namespace Customers.Api.Data;

public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo tenants, users and customers (with their known password) into an empty database.</summary>
    public bool Seed { get; set; }

    /// <summary>
    /// Let <see cref="Seed"/> work outside Development (a benchmark's throwaway service). Never in
    /// Production, whatever is set: the demo password is public.
    /// </summary>
    public bool AllowOutsideDevelopment { get; set; }

    public bool SeedsIn(IHostEnvironment environment) =>
        Seed && !environment.IsProduction() && (environment.IsDevelopment() || AllowOutsideDevelopment);
}
