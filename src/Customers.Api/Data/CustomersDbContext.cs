namespace Customers.Api.Data;

/// <summary>
/// The service's one context. Each provider has a subclass that owns its own migrations
/// (Data/Migrations/Sqlite, Data/Migrations/Postgres); add one to each on every model change:
///   dotnet ef migrations add NAME --project src/Customers.Api --context SqliteCustomersDbContext --output-dir Data/Migrations/Sqlite
///   dotnet ef migrations add NAME --project src/Customers.Api --context PostgresCustomersDbContext --output-dir Data/Migrations/Postgres
/// </summary>
public abstract class CustomersDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Audit.AuditEvent> AuditEvents => Set<Audit.AuditEvent>();
    public DbSet<Idempotency.IdempotencyRecord> IdempotencyRecords => Set<Idempotency.IdempotencyRecord>();
    public DbSet<Customers.Import.ImportJob> ImportJobs => Set<Customers.Import.ImportJob>();
    public DbSet<Customers.Import.ImportChunk> ImportChunks => Set<Customers.Import.ImportChunk>();
    public DbSet<Customers.Import.ImportRowError> ImportRowErrors => Set<Customers.Import.ImportRowError>();
    public DbSet<Reminders.ReminderLog> ReminderLogs => Set<Reminders.ReminderLog>();
    public DbSet<CustomerStatDelta> CustomerStatDeltas => Set<CustomerStatDelta>();

    public abstract bool IsPostgres { get; }

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
    /// same SaveChanges (set-based writes call <see cref="StatCounters.WriteAsync"/> themselves).
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

public sealed class SqliteCustomersDbContext(DbContextOptions<SqliteCustomersDbContext> options)
    : CustomersDbContext(options)
{
    public override bool IsPostgres => false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite keeps no time zone: every timestamp we write is UTC, so read it back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

public sealed class PostgresCustomersDbContext(DbContextOptions<PostgresCustomersDbContext> options)
    : CustomersDbContext(options)
{
    public override bool IsPostgres => true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");

        var customer = modelBuilder.Entity<Customer>();
        // Keys lead with tenant_id so the table can be distributed by tenant (Citus).
        customer.HasKey(c => new { c.TenantId, c.Id });
        customer.Property(c => c.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
        customer.Property(c => c.Schedule).HasColumnType("jsonb");
        // PostgreSQL finds duplicates (and phone matches) through (phone, lower(name)), created in
        // the DuplicateIndexLeadsWithPhone migration (EF Core cannot declare it); the plain phone index
        // would only tempt the planner into scanning every customer sharing a number.
        var phoneIndex = customer.Metadata.GetIndexes().Single(i =>
            i.Properties.Select(p => p.Name).SequenceEqual([nameof(Customer.TenantId), nameof(Customer.Phone)]));
        customer.Metadata.RemoveIndex(phoneIndex);
        // Half of each page is left free so that an edit of unindexed fields (city, notes, paying
        // org, reminders…) of every customer on a page, as a bulk update of neighbouring rows does,
        // can be a heap-only update that writes no index: a 500-row bulk update of fresh rows took
        // ~60 ms of PostgreSQL time at fillfactor 70 (a third fit) and ~3 ms at 50.
        customer.HasStorageParameter("fillfactor", 50);
        // A customer's tenant is checked once per statement by triggers (the
        // CheckCustomersTenantPerStatement migration) rather than by a foreign key, which looks the
        // tenant up once per row: ~10 ms of a 1,000-row import batch's ~60 ms INSERT.
        customer.Metadata.RemoveForeignKey(customer.Metadata.GetForeignKeys().Single(k => k.PrincipalEntityType.ClrType == typeof(Tenant)));

        var audit = modelBuilder.Entity<Audit.AuditEvent>();
        audit.HasKey(e => new { e.TenantId, e.Id });
        audit.Property(e => e.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
        audit.Property(e => e.Details).HasColumnType("jsonb");
        // "Which events touched customer 123?" (the audit list's customer_id filter).
        audit.HasIndex(e => e.CustomerIds).HasMethod("gin");

        var statDelta = modelBuilder.Entity<CustomerStatDelta>();
        statDelta.HasKey(d => new { d.TenantId, d.Id });
        statDelta.Property(d => d.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
        // The key leads with tenant_id and serves every query on its own.
        statDelta.Metadata.RemoveIndex(statDelta.Metadata.GetIndexes().Single());

        var reminder = modelBuilder.Entity<Reminders.ReminderLog>();
        reminder.HasKey(l => new { l.TenantId, l.Id });
        reminder.Property(l => l.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();

        var job = modelBuilder.Entity<Customers.Import.ImportJob>();
        job.HasKey(j => new { j.TenantId, j.Id });
        job.Property(j => j.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
        // Substring search (ILIKE '%term%') goes through one trigram index over the four searched
        // fields joined (created in the OneSearchIndexForSubstringSearch migration: EF Core cannot
        // declare an index on a function).
        modelBuilder.HasDbFunction(typeof(CustomerSearch).GetMethod(nameof(CustomerSearch.Text))!)
            .HasName(CustomerSearch.FunctionName);
    }
}
