namespace Customers.Api.Audit;

public static class AuditActions
{
    public const string Create = "customer.create";
    public const string Update = "customer.update";
    public const string Archive = "customer.archive";
    public const string Unarchive = "customer.unarchive";
    public const string Delete = "customer.delete";
    public const string DataExport = "customer.data_export";
    public const string Erase = "customer.erase";
    public const string BulkCreate = "customers.bulk_create";
    public const string BulkUpdate = "customers.bulk_update";
    public const string BulkArchive = "customers.bulk_archive";
    public const string BulkUnarchive = "customers.bulk_unarchive";
    public const string BulkDelete = "customers.bulk_delete";
    public const string Export = "customers.export";
    public const string Import = "customers.import";
    public const string ImportRun = "customers.import_run";
    public const string ImportRevert = "customers.import_revert";
    public const string Restore = "customer.restore";
    public const string PortalInvitation = "customer.portal_invitation";
    public const string PortalPasswordSet = "customer.portal_password_set";
    public const string ComplianceReport = "tenant.compliance_report";
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserPasswordSet = "user.password_set";

    /// <summary>A burst of failed sign-ins, recorded once, when it first blocks the client.</summary>
    public const string UserSignInBlocked = "user.sign_in_blocked";

    public static readonly string[] All =
    [
        Create, Update, Archive, Unarchive, Delete, DataExport, Erase,
        BulkCreate, BulkUpdate, BulkArchive, BulkUnarchive, BulkDelete, Export, Import, ImportRun, ImportRevert, Restore,
        PortalInvitation, PortalPasswordSet, ComplianceReport, UserCreate, UserUpdate, UserPasswordSet, UserSignInBlocked,
    ];
}
