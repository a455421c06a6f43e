using System.Text.Json;

namespace Customers.Web.Api;

/// <summary>The API's data-protection report (§7).</summary>
public sealed record ComplianceReport(
    int TenantId, string From, string To, DateTime GeneratedAt, int RetentionYears, int SpecialCategoryCustomers,
    ReminderConsent ReminderConsent,
    IReadOnlyList<ComplianceCustomerEvent> SubjectAccessExports,
    IReadOnlyList<ComplianceCustomerEvent> Erasures,
    IReadOnlyList<ComplianceCustomerExport> CustomerExports,
    IReadOnlyList<ComplianceStaff> Staff,
    IReadOnlyList<RetentionCandidate> RetentionCandidates);

public sealed record ReminderConsent(int Sms, int Email, int Both);

public sealed record ComplianceCustomerEvent(int? CustomerId, DateTime At, int? By, string? ByName);

public sealed record ComplianceCustomerExport(DateTime At, int? By, string? ByName, int? Rows, JsonElement? Filters);

public sealed record ComplianceStaff(int Id, string Username, string? DisplayName, string Role, DateTime? LastLoginAt);

public sealed record RetentionCandidate(int CustomerId, string Name, DateTime LastChangedAt, DateTime? ArchivedAt, string Reason, DateTime? DeletedAt);
