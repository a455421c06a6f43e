using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TenantLedSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // The search index led by tenant_id: a tenant's search reads its own entries only, so
            // another tenant's million matching rows cost it nothing. docs/adr/20261206-tenant-led-trigram-index.md
            migrationBuilder.Sql("""
                CREATE INDEX ix_customers_tenant_search_trgm ON customers
                USING gin (tenant_id, customer_search_text(name, email, phone, postcode) gin_trgm_ops) WHERE is_active;
                DROP INDEX ix_customers_search_trgm;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_customers_search_trgm ON customers
                USING gin (customer_search_text(name, email, phone, postcode) gin_trgm_ops) WHERE is_active;
                DROP INDEX ix_customers_tenant_search_trgm;
                """);
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
