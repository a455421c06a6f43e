namespace Customers.Api.Audit;

/// <summary>
/// One thing someone did to customer records: a create, an update, a bulk request, an export…
/// A bulk request is one event naming every customer it touched.
/// </summary>
public class AuditEvent
{
    public long Id { get; set; }
    public int TenantId { get; set; }

    /// <summary>The user who acted (null for the system).</summary>
    public int? ActorUserId { get; set; }
    public required string Action { get; set; }
    public List<int> CustomerIds { get; set; } = [];

    /// <summary>JSON object with what the action needs to explain itself (counts, changed fields). Never note text.</summary>
    public string Details { get; set; } = "{}";
    public DateTime At { get; set; }

    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static AuditEvent Create(int tenantId, int? actorUserId, string action, IEnumerable<int> customerIds, object details, DateTime at) => new()
    {
        TenantId = tenantId,
        ActorUserId = actorUserId,
        Action = action,
        CustomerIds = customerIds.ToList(),
        Details = JsonSerializer.Serialize(details, DetailsJson),
        At = at,
    };

    /// <summary>
    /// The INSERT of this event as an Npgsql batch command, for a PostgreSQL write path that sends
    /// it in one round trip with its other statements instead of through SaveChanges.
    /// </summary>
    public Npgsql.NpgsqlBatchCommand PostgresInsert() => new("""
        INSERT INTO audit_events (tenant_id, action, actor_user_id, at, customer_ids, details)
        VALUES (@tenant_id, @action, @actor_user_id, @at, @customer_ids, @details::jsonb)
        """)
    {
        Parameters =
        {
            new Npgsql.NpgsqlParameter("tenant_id", TenantId),
            new Npgsql.NpgsqlParameter("action", Action),
            new Npgsql.NpgsqlParameter("actor_user_id", NpgsqlTypes.NpgsqlDbType.Integer) { Value = (object?)ActorUserId ?? DBNull.Value },
            new Npgsql.NpgsqlParameter("at", At),
            new Npgsql.NpgsqlParameter("customer_ids", CustomerIds.ToArray()),
            new Npgsql.NpgsqlParameter("details", Details),
        },
    };
}

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

    public static readonly string[] All =
    [
        Create, Update, Archive, Unarchive, Delete, DataExport, Erase,
        BulkCreate, BulkUpdate, BulkArchive, BulkUnarchive, BulkDelete, Export, Import,
    ];
}
