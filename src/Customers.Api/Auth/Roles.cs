namespace Customers.Api.Auth;

public static class Roles
{
    public const string PlatformAdmin = "platform_admin";
    public const string TenantAdmin = "tenant_admin";
    public const string OfficeStaff = "office_staff";
    public const string Customer = "customer";

    public static readonly string[] All = [PlatformAdmin, TenantAdmin, OfficeStaff, Customer];
}
