namespace Customers.Web.Session;

public static class Roles
{
    public const string PlatformAdmin = "platform_admin";
    public const string TenantAdmin = "tenant_admin";
    public const string OfficeStaff = "office_staff";
}
