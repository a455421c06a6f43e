namespace Customers.Api.Data;

/// <summary>
/// The service's one context. Each provider has a subclass (Data/Sqlite, Data/Postgres) that owns
/// its own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres); add one to each on every
/// model change:
///   dotnet ef migrations add NAME --project src/Customers.Api --context SqliteCustomersDbContext --output-dir Data/Migrations/Sqlite
///   dotnet ef migrations add NAME --project src/Customers.Api --context PostgresCustomersDbContext --output-dir Data/Migrations/Postgres
/// </summary>
public abstract class CustomersDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<User> Users => Set<User>();
    public DbSet<LoginThrottle> LoginThrottles => Set<LoginThrottle>();
    public DbSet<Customers.Portal.PortalInvitation> PortalInvitations => Set<Customers.Portal.PortalInvitation>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportChunk> ImportChunks => Set<ImportChunk>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
    public DbSet<ImportCreatedBatch> ImportCreatedBatches => Set<ImportCreatedBatch>();
    public DbSet<ImportUpdatedRow> ImportUpdatedRows => Set<ImportUpdatedRow>();
    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();
    public DbSet<CustomerStatDelta> CustomerStatDeltas => Set<CustomerStatDelta>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CustomersDbContext).Assembly);
    }

    // Counter rows added for the tracked customers by the last SaveChanges that did not complete:
    // replaced, not added twice, when the caller retries. A pooled context can come back with
    // some; they are no longer tracked then, so detaching them does nothing.
    private readonly List<CustomerStatDelta> pendingStatRows = [];

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RecordStatChanges();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        pendingStatRows.Clear();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RecordStatChanges();
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        pendingStatRows.Clear();
        return saved;
    }

    /// <summary>
    /// Every customer written through the change tracker moves the statistics counters in the
    /// same SaveChanges (set-based writes count theirs through <see cref="IStatCounterStore"/>).
    /// </summary>
    private void RecordStatChanges()
    {
        foreach (var stale in pendingStatRows)
        {
            Entry(stale).State = EntityState.Detached;
        }
        pendingStatRows.Clear();
        pendingStatRows.AddRange(TrackedCustomerChanges().ToRows());
        CustomerStatDeltas.AddRange(pendingStatRows);
    }

    /// <summary>What the tracked customers' pending changes do to the counters; the "before" side is each row as it was loaded.</summary>
    public StatChanges TrackedCustomerChanges()
    {
        ChangeTracker.DetectChanges();
        var changes = new StatChanges();
        foreach (var entry in ChangeTracker.Entries<Customer>())
        {
            var tenantId = entry.Entity.TenantId;
            switch (entry.State)
            {
                case EntityState.Added:
                    changes.Add(tenantId, StatFields.Of(entry.Entity), +1);
                    break;
                case EntityState.Modified:
                    changes.Change(tenantId, StatFields.Of((Customer)entry.OriginalValues.ToObject()), StatFields.Of(entry.Entity));
                    break;
                case EntityState.Deleted:
                    changes.Add(tenantId, StatFields.Of((Customer)entry.OriginalValues.ToObject()), -1);
                    break;
            }
        }
        return changes;
    }
}
