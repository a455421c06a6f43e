namespace Customers.Api.Tenants;

public class Tenant
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public DateTime CreatedAt { get; set; }
}
