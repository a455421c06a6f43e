namespace Customers.Api.Auth;

public static class Policies
{
    public const string TenantMember = "tenant-member";
    public const string TenantAdmin = "tenant-admin";
}
