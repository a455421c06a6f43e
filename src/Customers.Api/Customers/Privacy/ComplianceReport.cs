namespace Customers.Api.Customers.Privacy;

/// <summary>The data-protection picture of one tenant for its DPO (§7).</summary>
public sealed record ComplianceReport(
    int TenantId,
    string From,
    string To,
    DateTime GeneratedAt,
    int RetentionYears,
    int SpecialCategoryCustomers,
    ReminderConsent ReminderConsent,
    IReadOnlyList<ComplianceCustomerEvent> SubjectAccessExports,
    IReadOnlyList<ComplianceCustomerEvent> Erasures,
    IReadOnlyList<ComplianceCustomerExport> CustomerExports,
    IReadOnlyList<ComplianceStaff> Staff,
    IReadOnlyList<RetentionCandidate> RetentionCandidates);

/// <summary>Customers who opted in to reminders, by their preferred channel.</summary>
public sealed record ReminderConsent(int Sms, int Email, int Both);

public sealed record ComplianceCustomerEvent(int? CustomerId, DateTime At, int? By, string? ByName);

public sealed record ComplianceCustomerExport(DateTime At, int? By, string? ByName, int? Rows, JsonElement? Filters);

public sealed record ComplianceStaff(int Id, string Username, string? DisplayName, string Role, DateTime? LastLoginAt);

/// <summary>
/// A customer kept longer than the retention period: archived that long, or unchanged that long;
/// <see cref="DeletedAt"/> when it was deleted but not erased.
/// </summary>
public sealed record RetentionCandidate(int CustomerId, string Name, DateTime LastChangedAt, DateTime? ArchivedAt, string Reason, DateTime? DeletedAt);
