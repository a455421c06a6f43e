namespace Customers.Api.Data.Postgres;

/// <summary>The context on PostgreSQL, with the keys, column types and storage it adds. Owns Data/Migrations/Postgres.</summary>
public sealed class PostgresCustomersDbContext(DbContextOptions<PostgresCustomersDbContext> options)
    : CustomersDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("pg_trgm");
        // tenant_id in the search index (a GIN index of a plain column): docs/adr/20261206-tenant-led-trigram-index.md
        modelBuilder.HasPostgresExtension("btree_gin");

        var customer = modelBuilder.Entity<Customer>();
        // Keys lead with tenant_id so the table can be distributed by tenant (Citus).
        customer.HasKey(c => new { c.TenantId, c.Id });
        customer.Property(c => c.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();
        customer.Property(c => c.Schedule).HasColumnType("jsonb");
        // Duplicates (and phone matches) are found through the (phone, lower(name)) index the
        // initial migration creates by hand; a plain phone index would only tempt the planner into
        // scanning every customer sharing a number. docs/adr/20261124-duplicate-check-by-phone-name-pairs.md
        var phoneIndex = customer.Metadata.GetIndexes().Single(i =>
            i.Properties.Select(p => p.Name).SequenceEqual([nameof(Customer.TenantId), nameof(Customer.Phone)]));
        customer.Metadata.RemoveIndex(phoneIndex);
        // Half of each page is left free so that archives and edits of unindexed fields are
        // heap-only updates. docs/adr/20261123-fillfactor-50-for-heap-only-updates.md
        customer.HasStorageParameter("fillfactor", 50);
        // A customer's tenant is checked once per statement by triggers (initial migration) rather
        // than by a foreign key's lookup per row. docs/adr/20261130-tenant-checks-per-statement.md
        customer.Metadata.RemoveForeignKey(customer.Metadata.GetForeignKeys().Single(k => k.PrincipalEntityType.ClrType == typeof(Tenant)));

        var audit = modelBuilder.Entity<AuditEvent>();
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

        var reminder = modelBuilder.Entity<ReminderLog>();
        reminder.HasKey(l => new { l.TenantId, l.Id });
        reminder.Property(l => l.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();

        var job = modelBuilder.Entity<ImportJob>();
        job.HasKey(j => new { j.TenantId, j.Id });
        job.Property(j => j.Id).ValueGeneratedOnAdd().UseIdentityByDefaultColumn();

        modelBuilder.HasDbFunction(typeof(CustomerSearchText).GetMethod(nameof(CustomerSearchText.Of))!)
            .HasName(CustomerSearchText.FunctionName);
    }
}
