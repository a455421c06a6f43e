namespace Customers.Api.Hosting;

public static class ClockExtensions
{
    /// <summary>UTC now at microsecond precision, which is what PostgreSQL stores, so a response matches a re-read.</summary>
    public static DateTime UtcNow(this TimeProvider clock)
    {
        var ticks = clock.GetUtcNow().UtcTicks;
        return new DateTime(ticks - ticks % 10, DateTimeKind.Utc);
    }
}
