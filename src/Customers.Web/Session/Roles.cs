namespace Customers.Web.Session;

public static class Roles
{
    public const string PlatformAdmin = "platform_admin";
    public const string TenantAdmin = "tenant_admin";
    public const string OfficeStaff = "office_staff";

    /// <summary>A role as staff call it.</summary>
    public static string Label(string role) => role switch
    {
        TenantAdmin => "Admin",
        OfficeStaff => "Office staff",
        PlatformAdmin => "Platform admin",
        _ => role,
    };
}
